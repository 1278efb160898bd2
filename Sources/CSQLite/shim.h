// The system's SQLite (Debian: libsqlite3-dev; the macOS SDK has it). Swift cannot import the
// SQLITE_TRANSIENT macro (a cast of -1 to a function pointer) nor call the variadic sqlite3_db_config;
// these stand for them.
#include <sqlite3.h>

static sqlite3_destructor_type const CSQLiteTransient = (sqlite3_destructor_type)-1;

/// Leaves the write-ahead log to the next connection that checkpoints, instead of checkpointing (and syncing the
/// disk) when this one closes.
static inline int CSQLiteSkipCheckpointOnClose(sqlite3 *db) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, (int *)0);
}
