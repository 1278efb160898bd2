#if !defined(__APPLE__)
#define _GNU_SOURCE  /* posix_spawn_file_actions_addclosefrom_np, POSIX_SPAWN_SETSID */
#endif
#if defined(__APPLE__)
#include <util.h>
#else
#include <pty.h>
#endif
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
#include <errno.h>
#include <unistd.h>
#include "CPseudoTerminal.h"

int cpt_open(int *primary, int *secondary, unsigned short rows, unsigned short columns) {
    struct winsize size = {0};
    size.ws_row = rows;
    size.ws_col = columns;
    if (openpty(primary, secondary, 0, 0, &size) != 0) {
        return -1;
    }
    // Children get the secondary side through dup2, never by inheritance.
    fcntl(*primary, F_SETFD, FD_CLOEXEC);
    fcntl(*secondary, F_SETFD, FD_CLOEXEC);
    return 0;
}

#ifndef POSIX_SPAWN_SETSID
#define POSIX_SPAWN_SETSID 0x80  /* glibc >= 2.26 has it behind _GNU_SOURCE */
#endif

int cpt_spawn_detached(const char *path, char *const argv[], char *const envp[], int keep_fd, pid_t *pid) {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attributes;
    sigset_t empty, all;
    int result;
    posix_spawn_file_actions_init(&actions);
    posix_spawnattr_init(&attributes);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDWR, 0);
    posix_spawn_file_actions_adddup2(&actions, 0, 1);
    posix_spawn_file_actions_adddup2(&actions, 0, 2);
    if (keep_fd >= 0) {
        if (keep_fd == 3) {
            fcntl(3, F_SETFD, 0);
        } else {
            posix_spawn_file_actions_adddup2(&actions, keep_fd, 3);
        }
    }
    short flags = POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF;
#if defined(__APPLE__)
    flags |= POSIX_SPAWN_CLOEXEC_DEFAULT;
#elif defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    posix_spawn_file_actions_addclosefrom_np(&actions, keep_fd >= 0 ? 4 : 3);
#endif
    sigemptyset(&empty);
    sigfillset(&all);
    posix_spawnattr_setsigmask(&attributes, &empty);
    posix_spawnattr_setsigdefault(&attributes, &all);
    posix_spawnattr_setflags(&attributes, flags);
    result = posix_spawn(pid, path, &actions, &attributes, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attributes);
    return result;
}

/* The one piece of process-wide state: where the signal handler writes. Set once, before the handler is installed. */
static volatile int stop_signal_pipe = -1;

static void on_stop_signal(int number) {
    int saved = errno;
    unsigned char byte = (unsigned char)number;
    if (write(stop_signal_pipe, &byte, 1) < 0) { /* nothing safe to do */ }
    errno = saved;
}

int cpt_watch_stop_signals(int write_fd) {
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
