// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "node/store/StoreError.h"

namespace cowl::node {

struct StoredDocument {
    std::string key;
    std::uint64_t version = 0;
    nlohmann::json body;
};

// One change as the store applied it; `document` is nullopt on removal.
struct StoreChange {
    std::string collection;
    std::string key;
    std::optional<StoredDocument> document;
    std::optional<StoredDocument> previous;
};

// The node's documents on disk: `<dir>/<collection>/<key>.json` holding
// `{"version":N,"body":{...}}`, with an in-memory cache. Every write is durable
// before it returns (write temp, fsync, rename, fsync dir) so an acknowledged API
// write survives kill -9 and power loss. Thread-safe: reads share a lock, writes
// are serialized (and so are the change notifications, in order).
class DocumentStore {
public:
    explicit DocumentStore(std::filesystem::path dir);

    // Reads every file (creating `dir` if missing). Throws StoreError naming the
    // damaged file and what is wrong with it.
    void load();

    std::optional<StoredDocument> get(std::string_view collection, std::string_view key) const;
    std::vector<StoredDocument> list(std::string_view collection) const;

    // expectedVersion: nullopt = create or replace unconditionally; 0 = must not
    // exist; N = must be at version N. Otherwise throws VersionConflict{current}.
    StoredDocument put(std::string_view collection, std::string_view key, nlohmann::json body,
                       std::optional<std::uint64_t> expectedVersion);

    // Same expectedVersion rules; returns false when there was nothing to remove
    // (only possible with expectedVersion nullopt).
    bool remove(std::string_view collection, std::string_view key,
                std::optional<std::uint64_t> expectedVersion);

    // Called after every put/remove, under the write lock (so in order). Observers
    // must not write to the store.
    using Observer = std::function<void(const StoreChange&)>;
    void subscribe(Observer observer);

    const std::filesystem::path& dir() const { return m_dir; }

    // Collection and key spelling the store accepts: [A-Za-z0-9_-], 1–128 chars.
    static bool isValidName(std::string_view name);

private:
    using Collection = std::map<std::string, StoredDocument, std::less<>>;

    std::filesystem::path fileFor(std::string_view collection, std::string_view key) const;
    void ensureCollectionDir(std::string_view collection);
    void loadCollection(const std::filesystem::path& collectionDir);
    void notify(const StoreChange& change);

    std::filesystem::path m_dir;
    mutable std::shared_mutex m_cacheMutex;
    std::map<std::string, Collection, std::less<>> m_cache;
    std::mutex m_writeMutex;
    std::vector<Observer> m_observers;
};

} // namespace cowl::node
