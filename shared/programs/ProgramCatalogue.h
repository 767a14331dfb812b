// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace cowl {

// Public programs are meant to be published; operator programs expose the
// container itself (a shell, the filesystem, a browser...) and must never be
// reachable without strong permissions.
enum class RiskClass { Public, Operator };

struct ProgramInfo {
    std::string_view slug;
    std::uint16_t defaultPort;
    bool indexed; // several instances (host names carry -N); http/https take a port instead
    RiskClass risk;
    std::string_view reason; // one line for the operator: why this class
};

std::string_view toString(RiskClass risk);

class ProgramCatalogue {
public:
    static const std::vector<ProgramInfo>& all();
    static const ProgramInfo* find(std::string_view slug);

    // http and https are addressed by container port (http-PORT); their access
    // values are port sets, every other indexed program's are index sets.
    static bool isPortAddressed(std::string_view slug) { return slug == "http" || slug == "https"; }

    static constexpr std::uint32_t kMaxIndex = 9999;
};

} // namespace cowl
