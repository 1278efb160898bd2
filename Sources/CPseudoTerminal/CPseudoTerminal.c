#if defined(__APPLE__)
#include <util.h>
#else
#include <pty.h>
#endif
#include <fcntl.h>
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
