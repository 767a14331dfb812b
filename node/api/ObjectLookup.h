// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "node/api/Principal.h"
#include "node/store/DocumentStore.h"

namespace cowl::node {

// Finds an object for a principal, or throws the one 404: a malformed id, an
// unknown id and another realm's id are indistinguishable.
class ObjectLookup {
public:
    explicit ObjectLookup(const DocumentStore& store) : m_store(store) {}

    StoredDocument realm(const Principal& who, const std::string& id) const;
    StoredDocument token(const Principal& who, const std::string& id) const;
    StoredDocument project(const Principal& who, const std::string& id) const;
    StoredDocument container(const Principal& who, const std::string& id) const;
    StoredDocument alias(const Principal& who, const std::string& id) const;

    static std::string realmOf(const StoredDocument& doc);

private:
    StoredDocument find(std::string_view collection, const std::string& id) const;

    const DocumentStore& m_store;
};

} // namespace cowl::node
