// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/EventHub.h"

#include "node/api/UtcClock.h"

namespace cowl::node {

EventHub::EventHub(DocumentStore& store, const ResourceView& view) : m_view(view) {
    store.subscribe([this](const StoreChange& change) { onChange(change); });
}

bool EventHub::mayReceive(const Principal& principal, const Event& event) {
    if (event.resource == "realm") {
        return principal.nodeScope();
    }
    if (event.resource == "token" && principal.role != TokenRole::Admin) {
        return false;
    }
    if (!event.realmId) {
        // Node-wide settings concern everyone; anything else without a realm
        // (an orphan) only node scope.
        return (event.resource == "settings" && event.id == "node") || principal.nodeScope();
    }
    return principal.sees(*event.realmId);
}

EventHub::Subscription EventHub::subscribe(const Principal& principal, std::shared_ptr<EventSink> sink) {
    std::lock_guard lock(m_mutex);
    Subscription s;
    s.id = m_nextId++;
    EventHello hello{m_seq, m_view.identity().name, m_view.identity().domain};
    s.hello = nlohmann::json(hello).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    m_subscribers.emplace(s.id, Entry{principal, std::move(sink)});
    return s;
}

void EventHub::unsubscribe(std::uint64_t id) {
    std::lock_guard lock(m_mutex);
    m_subscribers.erase(id);
}

void EventHub::closeAll() {
    std::lock_guard lock(m_mutex);
    for (auto& [id, entry] : m_subscribers) {
        entry.sink->close();
    }
    m_subscribers.clear();
}

std::size_t EventHub::subscriberCount() const {
    std::lock_guard lock(m_mutex);
    return m_subscribers.size();
}

void EventHub::onChange(const StoreChange& change) {
    auto event = m_view.eventFor(change);
    std::lock_guard lock(m_mutex);
    if (change.collection == "tokens" && !change.document) {
        // Revocation: the token's streams end now, not at their next request.
        for (auto it = m_subscribers.begin(); it != m_subscribers.end();) {
            if (it->second.principal.tokenId == change.key) {
                it->second.sink->close();
                it = m_subscribers.erase(it);
            } else {
                ++it;
            }
        }
    }
    if (event) {
        deliverLocked(std::move(*event));
    }
}

void EventHub::publish(Event event) {
    if (event.time.empty()) {
        event.time = UtcClock::now();
    }
    std::lock_guard lock(m_mutex);
    deliverLocked(std::move(event));
}

void EventHub::deliverLocked(Event event) {
    event.seq = ++m_seq;
    const std::string frame = nlohmann::json(event).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    for (auto& [id, entry] : m_subscribers) {
        if (mayReceive(entry.principal, event)) {
            entry.sink->deliver(frame);
        }
    }
}

} // namespace cowl::node
