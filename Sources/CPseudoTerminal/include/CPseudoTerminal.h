#ifndef C_PSEUDO_TERMINAL_H
#define C_PSEUDO_TERMINAL_H

/// Opens a pseudo-terminal pair with the given window size; both descriptors are close-on-exec.
/// Returns 0, or -1 with errno set.
int cpt_open(int *primary, int *secondary, unsigned short rows, unsigned short columns);

#endif
