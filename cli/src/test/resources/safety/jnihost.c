/*
 * A JNI host before it creates its JVM (JPype before startJVM): libjvm.so is mapped, no VM runs.
 * usage: jnihost LIBJVM READY_FILE [catch]
 * With "catch" it handles SIGQUIT itself and writes "SIGQUIT" to stdout, so a test can tell
 * that a signal came although the process survived it.
 */
#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_quit(int sig) {
    (void) sig;
    write(1, "SIGQUIT\n", 8);
}

int main(int argc, char **argv) {
    if (argc < 3 || dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL) == NULL) {
        fprintf(stderr, "usage: jnihost LIBJVM READY [catch]: %s\n", dlerror());
        return 2;
    }
    if (argc > 3 && strcmp(argv[3], "catch") == 0) {
        signal(SIGQUIT, on_quit);
    }
    FILE *ready = fopen(argv[2], "w");
    if (ready == NULL) {
        perror(argv[2]);
        return 2;
    }
    fclose(ready);
    for (;;) {
        pause();
    }
}
