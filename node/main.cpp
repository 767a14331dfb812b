// SPDX-License-Identifier: GPL-3.0-or-later
#include <cstdio>
#include <cstring>

int main(int argc, char** argv) {
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("cowl-node %s\n", COWL_VERSION);
        return 0;
    }
    std::fprintf(stderr, "cowl-node: usage: cowl-node init|serve|token|lockdown|unlock|--version\n");
    return 2;
}
