// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

#include "node/api/EventSink.h"
#include "node/api/Principal.h"
#include "node/api/ResourceView.h"
#include "node/store/DocumentStore.h"

namespace cowl::node {

// Turns every store change into one event and pushes it to every connected
// stream whose token may see it (realm filter, token/realm visibility). Because
// it listens to the store, changes from any engine (API, containers, proxy)
// reach the consoles. Deleting a token closes that token's streams at once.
class EventHub {
public:
    EventHub(DocumentStore& store, const ResourceView& view);

    // Returns the subscription id and the hello frame (sent first, before any event).
    struct Subscription {
        std::uint64_t id = 0;
        std::string hello;
    };
    Subscription subscribe(const Principal& principal, std::shared_ptr<EventSink> sink);
    void unsubscribe(std::uint64_t id);
    void closeAll();
    // An event that is not a store change (snapshots, proxy requests): numbered
    // and filtered like the rest. `time` is filled in when empty.
    void publish(Event event);

    std::size_t subscriberCount() const;

    static bool mayReceive(const Principal& principal, const Event& event);

private:
    void onChange(const StoreChange& change);
    void deliverLocked(Event event); // m_mutex held

    struct Entry {
        Principal principal;
        std::shared_ptr<EventSink> sink;
    };

    const ResourceView& m_view;
    mutable std::mutex m_mutex;
    std::uint64_t m_seq = 0;
    std::uint64_t m_nextId = 1;
    std::map<std::uint64_t, Entry> m_subscribers;
};

} // namespace cowl::node
