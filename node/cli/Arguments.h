// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cowl::node {

struct OptionSpec {
    std::string name; // without the leading "--"
    bool takesValue = true;
};

// One subcommand's arguments: `--name VALUE`, `--name=VALUE`, `--flag`, and
// positionals. Anything not in the spec is a UsageError naming it, so a typo
// never silently falls back to a default.
class Arguments {
public:
    Arguments(const std::vector<std::string>& args, const std::vector<OptionSpec>& spec, std::size_t maxPositional,
              std::string command);

    std::optional<std::string> value(std::string_view name) const;
    // Throws UsageError "COMMAND needs --NAME" when absent.
    std::string required(std::string_view name) const;
    bool flag(std::string_view name) const;
    const std::vector<std::string>& positional() const { return m_positional; }

private:
    std::string m_command;
    std::map<std::string, std::string, std::less<>> m_values;
    std::vector<std::string> m_positional;
};

} // namespace cowl::node
