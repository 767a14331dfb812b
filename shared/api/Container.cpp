// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/Container.h"

#include "shared/api/StrictObject.h"

namespace cowl {

std::string_view toString(ContainerStatus status) {
    switch (status) {
    case ContainerStatus::Creating: return "creating";
    case ContainerStatus::Running: return "running";
    case ContainerStatus::Stopped: return "stopped";
    case ContainerStatus::Failed: return "failed";
    case ContainerStatus::Deleting: return "deleting";
    }
    return "failed";
}

std::optional<ContainerStatus> parseContainerStatus(std::string_view text) {
    for (auto s : {ContainerStatus::Creating, ContainerStatus::Running, ContainerStatus::Stopped,
                   ContainerStatus::Failed, ContainerStatus::Deleting}) {
        if (toString(s) == text) {
            return s;
        }
    }
    return std::nullopt;
}

ContainerLimits ContainerLimitsInput::applyTo(ContainerLimits base) const {
    if (memoryMb) {
        base.memoryMb = *memoryMb;
    }
    if (cpus) {
        base.cpus = *cpus;
    }
    return base;
}

void validateLimits(const ContainerLimits& limits) {
    if (limits.memoryMb < 16 || limits.memoryMb > 1024 * 1024) {
        throw ValidationError("limits.memory_mb", "\"limits.memory_mb\" must be from 16 to 1048576 (MiB)");
    }
    if (!(limits.cpus >= 0.01 && limits.cpus <= 1024)) {
        throw ValidationError("limits.cpus", "\"limits.cpus\" must be from 0.01 to 1024");
    }
}

void validateTemplate(const std::string& templateName) {
    if (templateName == "busybox" || templateName == "debian") {
        return;
    }
    const bool tarball = templateName.starts_with('/') && templateName.find("/../") == std::string::npos &&
                         (templateName.ends_with(".tar") || templateName.find(".tar.") != std::string::npos);
    if (!tarball) {
        throw ValidationError("template",
                              "\"template\" must be busybox, debian, or the absolute path of a rootfs tarball");
    }
}

void to_json(nlohmann::json& j, const ContainerLimits& l) {
    j = {{"memory_mb", l.memoryMb}, {"cpus", l.cpus}};
}

void from_json(const nlohmann::json& j, ContainerLimits& l) {
    StrictObject o(j);
    l.memoryMb = o.required<std::uint32_t>("memory_mb");
    l.cpus = o.required<double>("cpus");
    o.finish();
}

void to_json(nlohmann::json& j, const ContainerLimitsInput& l) {
    j = nlohmann::json::object();
    if (l.memoryMb) {
        j["memory_mb"] = *l.memoryMb;
    }
    if (l.cpus) {
        j["cpus"] = *l.cpus;
    }
}

void from_json(const nlohmann::json& j, ContainerLimitsInput& l) {
    StrictObject o(j);
    l.memoryMb = o.optional<std::uint32_t>("memory_mb");
    l.cpus = o.optional<double>("cpus");
    o.finish();
}

void to_json(nlohmann::json& j, const ContainerUrl& u) {
    j = {{"program", u.program}, {"url", u.url}, {"risk", u.risk}};
}

void from_json(const nlohmann::json& j, ContainerUrl& u) {
    StrictObject o(j);
    u.program = o.required<std::string>("program");
    u.url = o.required<std::string>("url");
    u.risk = o.required<std::string>("risk");
    o.finish();
}

void to_json(nlohmann::json& j, const Container& c) {
    nlohmann::json urls = nlohmann::json::array();
    for (const auto& u : c.urls) {
        urls.push_back(nlohmann::json(u));
    }
    j = {{"id", c.id},
         {"project_id", c.projectId},
         {"realm_id", c.realmId},
         {"name", c.name},
         {"template", c.templateName},
         {"autostart", c.autostart},
         {"status", std::string(toString(c.status))},
         {"status_reason", c.statusReason},
         {"limits", nlohmann::json(c.limits)},
         {"urls", std::move(urls)},
         {"created_at", c.createdAt},
         {"updated_at", c.updatedAt},
         {"version", c.version}};
}

void from_json(const nlohmann::json& j, Container& c) {
    StrictObject o(j);
    c.id = o.required<std::string>("id");
    c.projectId = o.required<std::string>("project_id");
    c.realmId = o.required<std::string>("realm_id");
    c.name = o.required<std::string>("name");
    c.templateName = o.required<std::string>("template");
    c.autostart = o.required<bool>("autostart");
    auto status = parseContainerStatus(o.required<std::string>("status"));
    if (!status) {
        StrictObject::invalid("status", "one of creating, running, stopped, failed, deleting");
    }
    c.status = *status;
    c.statusReason = o.optional<std::string>("status_reason").value_or("");
    c.limits = o.required<ContainerLimits>("limits");
    c.urls.clear();
    if (const auto* urls = o.raw("urls")) {
        if (!urls->is_array()) {
            StrictObject::invalid("urls", "an array");
        }
        for (std::size_t i = 0; i < urls->size(); ++i) {
            c.urls.push_back(StrictObject::convert<ContainerUrl>(urls->at(i), "urls." + std::to_string(i)));
        }
    }
    c.createdAt = o.required<std::string>("created_at");
    c.updatedAt = o.required<std::string>("updated_at");
    c.version = o.required<std::uint64_t>("version");
    o.finish();
}

void to_json(nlohmann::json& j, const ContainerCreate& c) {
    j = {{"name", c.name}, {"template", c.templateName}};
    if (c.autostart) {
        j["autostart"] = *c.autostart;
    }
    if (c.limits) {
        j["limits"] = nlohmann::json(*c.limits);
    }
}

void from_json(const nlohmann::json& j, ContainerCreate& c) {
    StrictObject o(j);
    c.name = o.required<std::string>("name");
    c.templateName = o.required<std::string>("template");
    c.autostart = o.optional<bool>("autostart");
    c.limits = o.optional<ContainerLimitsInput>("limits");
    o.finish();
}

void to_json(nlohmann::json& j, const ContainerPatch& c) {
    j = nlohmann::json::object();
    if (c.name) {
        j["name"] = *c.name;
    }
    if (c.autostart) {
        j["autostart"] = *c.autostart;
    }
    if (c.limits) {
        j["limits"] = nlohmann::json(*c.limits);
    }
}

void from_json(const nlohmann::json& j, ContainerPatch& c) {
    StrictObject o(j);
    c.name = o.optional<std::string>("name");
    c.autostart = o.optional<bool>("autostart");
    c.limits = o.optional<ContainerLimitsInput>("limits");
    o.optional<std::uint64_t>("version"); // echoed back by clients; If-Match decides
    o.finish();
}

} // namespace cowl
