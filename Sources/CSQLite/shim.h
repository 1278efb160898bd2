// The system's SQLite (Debian: libsqlite3-dev; the macOS SDK has it). Swift cannot import the
// SQLITE_TRANSIENT macro (a cast of -1 to a function pointer); this constant stands for it.
#include <sqlite3.h>

static sqlite3_destructor_type const CSQLiteTransient = (sqlite3_destructor_type)-1;
