// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ObjectLookup.h"

#include "node/api/ApiFailure.h"
#include "shared/Id.h"

namespace cowl::node {

std::string ObjectLookup::realmOf(const StoredDocument& doc) {
    const auto it = doc.body.find("realm_id");
    return it != doc.body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

StoredDocument ObjectLookup::find(std::string_view collection, const std::string& id) const {
    if (!Id::isValid(id)) {
        throw ApiFailure::notFound();
    }
    auto doc = m_store.get(collection, id);
    if (!doc) {
        throw ApiFailure::notFound();
    }
    return *doc;
}

StoredDocument ObjectLookup::realm(const Principal& who, const std::string& id) const {
    auto doc = find("realms", id);
    if (!who.sees(id)) {
        throw ApiFailure::notFound();
    }
    return doc;
}

StoredDocument ObjectLookup::token(const Principal& who, const std::string& id) const {
    auto doc = find("tokens", id);
    const auto it = doc.body.find("realm_id");
    const bool nodeToken = it == doc.body.end() || it->is_null();
    if (nodeToken ? !who.nodeScope() : !who.sees(realmOf(doc))) {
        throw ApiFailure::notFound();
    }
    return doc;
}

StoredDocument ObjectLookup::project(const Principal& who, const std::string& id) const {
    auto doc = find("projects", id);
    if (!who.sees(realmOf(doc))) {
        throw ApiFailure::notFound();
    }
    return doc;
}

StoredDocument ObjectLookup::container(const Principal& who, const std::string& id) const {
    auto doc = find("containers", id);
    if (!who.sees(realmOf(doc))) {
        throw ApiFailure::notFound();
    }
    return doc;
}

StoredDocument ObjectLookup::alias(const Principal& who, const std::string& id) const {
    auto doc = find("aliases", id);
    auto container = m_store.get("containers", doc.body.value("container_id", std::string()));
    if (!container ? !who.nodeScope() : !who.sees(realmOf(*container))) {
        throw ApiFailure::notFound();
    }
    return doc;
}

} // namespace cowl::node
