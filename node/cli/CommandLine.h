// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

namespace cowl::node {

// cowl-node's entry: picks the subcommand, prints help, and turns errors into
// exit codes (0 ok, 1 the command failed, 2 the command line is wrong) with
// one clear line on stderr.
int runCommandLine(int argc, char** argv);

} // namespace cowl::node
