// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/cli/CommandLine.h"

int main(int argc, char** argv) { return cowl::node::runCommandLine(argc, argv); }
