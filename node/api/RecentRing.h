// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace cowl::node {

// The newest `capacity` items, oldest overwritten first: adding one costs a
// copy into a slot, never a node allocation (a deque allocated a block for
// every access-log entry). Copy-assigning into a full ring reuses the slot's
// own storage (its strings keep their capacity).
template <class T>
class RecentRing {
public:
    explicit RecentRing(std::size_t capacity) : m_capacity(capacity) {}

    void push(const T& item)
    {
        if (m_items.size() < m_capacity) {
            m_items.push_back(item);
            return;
        }
        m_items[m_oldest] = item;
        m_oldest = (m_oldest + 1) % m_capacity;
    }

    std::size_t size() const { return m_items.size(); }
    // 0 is the newest.
    const T& newest(std::size_t i) const { return m_items[(m_oldest + m_items.size() - 1 - i) % m_items.size()]; }

private:
    std::size_t m_capacity;
    std::vector<T> m_items;
    std::size_t m_oldest = 0; // index of the oldest item once full
};

} // namespace cowl::node
