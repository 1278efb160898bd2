#ifndef C_PSEUDO_TERMINAL_H
#define C_PSEUDO_TERMINAL_H

/// Opens a pseudo-terminal pair with the given window size; both descriptors are close-on-exec.
/// Returns 0, or -1 with errno set.
int cpt_open(int *primary, int *secondary, unsigned short rows, unsigned short columns);

#include <sys/types.h>

/// Starts `path` fully detached: a new session, standard input, output and error on /dev/null, an empty signal
/// mask and default dispositions, and no inherited descriptor but `keep_fd` (as descriptor 3; -1 for none).
/// Returns 0 and the pid, or an errno value.
int cpt_spawn_detached(const char *path, char *const argv[], char *const envp[], int keep_fd, pid_t *pid);

/// Makes SIGINT, SIGTERM and SIGHUP write their number (one byte) to `write_fd` instead of their default action,
/// then unblocks them. The handler only calls write(2), which is async-signal-safe; handlers, unlike ignored
/// signals, are reset by exec, so children still get the default actions. Returns 0 or -1.
int cpt_watch_stop_signals(int write_fd);

#endif
