// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cowl::node {

struct ProxyContainer;
struct ProxySnapshot;

// Hashes std::string and std::string_view alike, so maps keyed by string can
// be searched with a view (no key built per request).
struct StringViewHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

// Every program URL label of a snapshot ("{project}-{container}-{program}[-n]",
// lower case), mapped to what it reaches: a request's host becomes one hash
// lookup instead of a parse (two ids, a catalogue search) and a program-table
// search. Labels the index does not hold (http-PORT, aliases, unknown names)
// go the full way through HostName::parse, which stays the reference.
class HostIndex {
public:
    struct Target {
        const ProxyContainer* container = nullptr;
        std::string program;                 // catalogue slug
        std::uint16_t port = 0;
        std::optional<std::uint32_t> index;
    };

    HostIndex() = default;
    HostIndex(const HostIndex&) {}           // a copied snapshot indexes itself afresh
    HostIndex& operator=(const HostIndex&);  // ... and so does one assigned to
    ~HostIndex();

    // Built on first use from `snapshot` (snapshots never change once published).
    const Target* find(const ProxySnapshot& snapshot, std::string_view label) const;

private:
    using Table = std::unordered_map<std::string, Target, StringViewHash, std::equal_to<>>;
    static Table build(const ProxySnapshot& snapshot);

    mutable std::atomic<const Table*> m_table{nullptr};
    mutable std::mutex m_building;
};

} // namespace cowl::node
