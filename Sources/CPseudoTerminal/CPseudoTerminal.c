#if !defined(__APPLE__)
#define _GNU_SOURCE  /* posix_spawn_file_actions_addclosefrom_np, POSIX_SPAWN_SETSID */
#endif
#if defined(__APPLE__)
#include <util.h>
#else
#include <pty.h>
#endif
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/ioctl.h>
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
