// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/HostIndex.h"

#include <charconv>

#include "node/proxy/ProxySnapshot.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl::node {

HostIndex::~HostIndex()
{
    delete m_table.load(std::memory_order_acquire);
}

HostIndex& HostIndex::operator=(const HostIndex&)
{
    // The table held pointers into this snapshot's old containers.
    std::lock_guard lock(m_building);
    delete m_table.exchange(nullptr, std::memory_order_acq_rel);
    return *this;
}

const HostIndex::Target* HostIndex::find(const ProxySnapshot& snapshot, std::string_view label) const
{
    const Table* table = m_table.load(std::memory_order_acquire);
    if (!table) {
        std::lock_guard lock(m_building);
        table = m_table.load(std::memory_order_relaxed);
        if (!table) {
            table = new Table(build(snapshot));
            m_table.store(table, std::memory_order_release);
        }
    }
    auto it = table->find(label);
    return it == table->end() ? nullptr : &it->second;
}

// The same labels HostName::parse + HostRouter::resolveProgram accept for the
// program table: "slug" and "slug-1" reach the entry "slug", "slug-n" (n > 1,
// indexed programs) the entry "slug-n"; http and https only without a number
// (with one it is a port, left to the parser).
HostIndex::Table HostIndex::build(const ProxySnapshot& snapshot)
{
    Table table;
    for (const auto& [id, container] : snapshot.containers) {
        for (const auto& [key, port] : container.programs) {
            const auto dash = key.find('-');
            const std::string_view slug = std::string_view(key).substr(0, dash);
            const ProgramInfo* program = ProgramCatalogue::find(slug);
            if (!program)
                continue;
            std::uint32_t index = 1;
            if (dash != std::string::npos) {
                const std::string_view number = std::string_view(key).substr(dash + 1);
                auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), index);
                if (ec != std::errc() || end != number.data() + number.size() || index < 2 ||
                    index > ProgramCatalogue::kMaxIndex || !program->indexed ||
                    ProgramCatalogue::isPortAddressed(slug))
                    continue;
            }
            std::string label = container.project.str() + "-" + container.container.str() + "-" + key;
            Target target{&container, std::string(slug), port, index};
            if (dash == std::string::npos && !ProgramCatalogue::isPortAddressed(slug))
                table.emplace(label + "-1", target);
            table.emplace(std::move(label), std::move(target));
        }
    }
    return table;
}

} // namespace cowl::node
