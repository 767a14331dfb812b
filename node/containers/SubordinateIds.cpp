// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/SubordinateIds.h"

#include <fstream>
#include <string>

#include "node/containers/RuntimeError.h"

namespace cowl::node {

namespace {

void ensureLine(const std::filesystem::path& file, const std::string& wanted) {
    {
        std::ifstream in(file);
        std::string line;
        while (std::getline(in, line)) {
            if (line == wanted) {
                return;
            }
        }
    }
    std::ofstream out(file, std::ios::app);
    out << wanted << "\n";
    if (!out) {
        throw RuntimeError(RuntimeError::Kind::Failed, "",
                           "cannot add \"" + wanted + "\" to " + file.string() +
                               "; containers need this id range: add it by hand and restart the node");
    }
}

} // namespace

void SubordinateIds::ensure(unsigned base, unsigned size, const std::filesystem::path& subuid,
                            const std::filesystem::path& subgid) {
    const std::string wanted = "root:" + std::to_string(base) + ":" + std::to_string(size);
    ensureLine(subuid, wanted);
    ensureLine(subgid, wanted);
}

} // namespace cowl::node
