#ifndef C_SYSTEM_SHIMS_H
#define C_SYSTEM_SHIMS_H

#include <sys/types.h>

/// Opens a pseudo-terminal pair with the given window size; both descriptors are close-on-exec.
/// Returns 0, or -1 with errno set.
int ss_open_pty(int *primary, int *secondary, unsigned short rows, unsigned short columns);

/// Starts `path` with `argv` and `envp` (never through a shell) as the leader of a new session, so its process
/// group is its own and `kill(-pid, …)` reaches everything it starts.
///
/// - `streams`: the descriptors to become its standard input, output and error; -1 for /dev/null.
/// - `controlling_terminal` non-zero: `streams[0]` is a terminal and becomes its controlling terminal (TIOCSCTTY).
/// - `keep_fd` >= 0: passed on as descriptor 3; every other descriptor but 0, 1 and 2 is closed at exec.
/// - `directory`: the working directory, or NULL to keep ours.
/// - `die_with_parent` non-zero (Linux): the child gets SIGKILL when the calling thread's process dies, so a
///   `kill -9` of usage-logger does not leave `claude` running; elsewhere ignored.
/// - The child starts with an empty signal mask and every signal at its default action, whatever the calling
///   thread blocked or ignored.
///
/// Returns 0 and the pid, or an errno value (the exec's own, when the program could not be started).
int ss_spawn(const char *path, char *const argv[], char *const envp[], const char *directory, const int streams[3],
             int controlling_terminal, int keep_fd, int die_with_parent, pid_t *pid);

/// Makes SIGINT, SIGTERM and SIGHUP write their number (one byte) to `write_fd` instead of their default action,
/// then unblocks them. The handler only calls write(2), which is async-signal-safe; handlers, unlike ignored
/// signals, are reset by exec, so children still get the default actions. Returns 0 or -1.
int ss_watch_stop_signals(int write_fd);

/// Non-zero when the system's libcurl can be loaded (with dlopen, at the first call) for `ss_http_post`.
int ss_http_available(void);

/// POSTs `body` to `url` (http or https only, no redirects) with the `header_count` lines of `headers`
/// ("Name: value"), giving up after `timeout_ms`, through the system's libcurl loaded at the first call.
///
/// Returns 0 with `*status` the HTTP status, the first `response_capacity` bytes of the response body in
/// `response` (`*response_length`), and `*retry_after` the seconds of a `Retry-After` header (-1 without one);
/// or -1 with `error` saying why in libcurl's words (a connection refused, a timeout, libcurl missing), which never
/// include the headers.
int ss_http_post(const char *url, const char *const headers[], int header_count, const void *body,
                 size_t body_length, long timeout_ms, long *status, long *retry_after, char *response,
                 size_t response_capacity, size_t *response_length, char *error, size_t error_capacity);

#endif
