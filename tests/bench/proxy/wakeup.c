// SPDX-License-Identifier: GPL-3.0-or-later
// What one wake-up across cores costs on this machine: a thread on CPU 1
// sleeps in read() on a pipe, one on CPU 0 writes a byte and waits for the
// echo, every millisecond (both cores idle in between, as in a paced load).
// Prints "p50 p99" of the round trip in microseconds. Every extra hop a
// request takes (a proxy, a relay) pays such wake-ups; on a VM whose idle
// vCPUs halt they dominate a proxy's added tail latency.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

enum { kSamples = 2000 };

static int toEcho[2], fromEcho[2];

static void pinTo(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
}

static double microsNow(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static void* echo(void* unused)
{
    (void)unused;
    pinTo(1);
    char c;
    while (read(toEcho[0], &c, 1) == 1 && write(fromEcho[1], &c, 1) == 1) {
    }
    return NULL;
}

static int byValue(const void* a, const void* b)
{
    double x = *(const double*)a, y = *(const double*)b;
    return (x > y) - (x < y);
}

int main(void)
{
    static double rtt[kSamples];
    pthread_t thread;
    if (pipe(toEcho) != 0 || pipe(fromEcho) != 0 || pthread_create(&thread, NULL, echo, NULL) != 0)
        return 1;
    pinTo(0);
    for (int i = 0; i < kSamples; ++i) {
        usleep(1000);
        char c = 'x';
        double started = microsNow();
        if (write(toEcho[1], &c, 1) != 1 || read(fromEcho[0], &c, 1) != 1)
            return 1;
        rtt[i] = microsNow() - started;
    }
    qsort(rtt, kSamples, sizeof rtt[0], byValue);
    printf("%.1f %.1f\n", rtt[kSamples / 2], rtt[kSamples * 99 / 100]);
    return 0;
}
