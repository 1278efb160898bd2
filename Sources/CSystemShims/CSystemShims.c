#if !defined(__APPLE__)
#define _GNU_SOURCE
#endif
#if defined(__APPLE__)
#include <util.h>
#else
#include <pty.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>
#include "CSystemShims.h"

int ss_open_pty(int *primary, int *secondary, unsigned short rows, unsigned short columns) {
    struct winsize size = {0};
    size.ws_row = rows;
    size.ws_col = columns;
    if (openpty(primary, secondary, 0, 0, &size) != 0) {
        return -1;
    }
    // Children get the secondary side through dup2, never by inheritance.
    if (fcntl(*primary, F_SETFD, FD_CLOEXEC) != 0 || fcntl(*secondary, F_SETFD, FD_CLOEXEC) != 0) {
        int saved = errno;
        close(*primary);
        close(*secondary);
        errno = saved;
        return -1;
    }
    return 0;
}

/* Everything from here to exec runs in the forked child of a multi-threaded process: only async-signal-safe calls,
   no allocation, no locks. Failures are reported through `report_fd` as an errno value. */

static void mark_close_on_exec_from(int first) {
#if defined(SYS_close_range) && defined(CLOSE_RANGE_CLOEXEC)
    if (syscall(SYS_close_range, (unsigned)first, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
#endif
    long limit = sysconf(_SC_OPEN_MAX);
    if (limit < 0 || limit > 65536) limit = 65536;
    for (int fd = first; fd < limit; fd++) fcntl(fd, F_SETFD, FD_CLOEXEC);
}

static void fail_in_child(int report_fd) {
    int code = errno;
    while (write(report_fd, &code, sizeof code) < 0 && errno == EINTR) {}
    _exit(127);
}

static void child(const char *path, char *const argv[], char *const envp[], const char *directory,
                  const int streams[3], int controlling_terminal, int keep_fd, pid_t die_with, int report_fd) {
    struct sigaction fallback;
    sigset_t empty;
    int standard[3];
    fallback.sa_handler = SIG_DFL;
    fallback.sa_flags = 0;
    sigemptyset(&fallback.sa_mask);
    for (int number = 1; number < NSIG; number++) sigaction(number, &fallback, 0);  /* fails harmlessly for KILL, STOP */

    // Above the descriptors we are about to fill, so no dup2 below overwrites one we still need.
    if ((report_fd = fcntl(report_fd, F_DUPFD_CLOEXEC, 10)) < 0) _exit(127);
    for (int i = 0; i < 3; i++) {
        standard[i] = streams[i] >= 0 ? fcntl(streams[i], F_DUPFD_CLOEXEC, 10) : open("/dev/null", O_RDWR | O_CLOEXEC);
        if (standard[i] < 0) fail_in_child(report_fd);
    }
    if (keep_fd >= 0 && (keep_fd = fcntl(keep_fd, F_DUPFD_CLOEXEC, 10)) < 0) fail_in_child(report_fd);

#if defined(__linux__)
    // Set before the check, so a parent that died in between is caught by one or the other.
    if (die_with && (prctl(PR_SET_PDEATHSIG, SIGKILL) != 0 || getppid() != die_with)) _exit(127);
#endif
    if (setsid() < 0) fail_in_child(report_fd);
    // As a terminal emulator does: the terminal becomes ours, so closing its other side hangs us up.
    if (controlling_terminal && ioctl(standard[0], TIOCSCTTY, 0) != 0) fail_in_child(report_fd);
    for (int fd = 0; fd <= 2; fd++) {
        if (dup2(standard[fd], fd) < 0) fail_in_child(report_fd);
    }
    if (keep_fd >= 0 && dup2(keep_fd, 3) < 0) fail_in_child(report_fd);
    mark_close_on_exec_from(keep_fd >= 0 ? 4 : 3);
    if (directory && chdir(directory) != 0) fail_in_child(report_fd);
    sigemptyset(&empty);
    sigprocmask(SIG_SETMASK, &empty, 0);
    execve(path, argv, envp);
    fail_in_child(report_fd);
}

int ss_spawn(const char *path, char *const argv[], char *const envp[], const char *directory, const int streams[3],
             int controlling_terminal, int keep_fd, int die_with_parent, pid_t *pid) {
    int report[2];
    pid_t parent = die_with_parent ? getpid() : 0;
#if defined(__APPLE__)
    if (pipe(report) != 0) return errno;
    fcntl(report[0], F_SETFD, FD_CLOEXEC);
    fcntl(report[1], F_SETFD, FD_CLOEXEC);
#else
    if (pipe2(report, O_CLOEXEC) != 0) return errno;
#endif
    pid_t started = fork();
    if (started < 0) {
        int saved = errno;
        close(report[0]);
        close(report[1]);
        return saved;
    }
    if (started == 0) child(path, argv, envp, directory, streams, controlling_terminal, keep_fd, parent, report[1]);
    close(report[1]);
    // The pipe closes at a successful exec (end of file) or carries the errno of the step that failed.
    int code = 0;
    ssize_t count;
    do {
        count = read(report[0], &code, sizeof code);
    } while (count < 0 && errno == EINTR);
    close(report[0]);
    if (count == (ssize_t)sizeof code) {
        while (waitpid(started, 0, 0) < 0 && errno == EINTR) {}
        return code ? code : ECHILD;
    }
    *pid = started;
    return 0;
}

/* The one piece of process-wide state: where the signal handler writes. Set once, before the handler is installed. */
static volatile int stop_signal_pipe = -1;

static void on_stop_signal(int number) {
    int saved = errno;
    unsigned char byte = (unsigned char)number;
    if (write(stop_signal_pipe, &byte, 1) < 0) { /* nothing safe to do */ }
    errno = saved;
}

int ss_watch_stop_signals(int write_fd) {
    const int numbers[] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction action;
    sigset_t set;
    stop_signal_pipe = write_fd;
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigemptyset(&set);
    for (int i = 0; i < 3; i++) {
        if (sigaction(numbers[i], &action, 0) != 0) return -1;
        sigaddset(&set, numbers[i]);
    }
    return pthread_sigmask(SIG_UNBLOCK, &set, 0) == 0 ? 0 : -1;
}
