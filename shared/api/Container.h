// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace cowl {

enum class ContainerStatus { Creating, Running, Stopped, Failed, Deleting };

std::string_view toString(ContainerStatus status);
std::optional<ContainerStatus> parseContainerStatus(std::string_view text);

struct ContainerLimits {
    std::uint32_t memoryMb = 512;
    double cpus = 1.0;

    bool operator==(const ContainerLimits&) const = default;
};

// A limits object in a request: fields left out keep their current value.
struct ContainerLimitsInput {
    std::optional<std::uint32_t> memoryMb;
    std::optional<double> cpus;

    ContainerLimits applyTo(ContainerLimits base) const;
};

struct ContainerUrl {
    std::string program;
    std::string url;
    std::string risk; // "low" for public programs, "high" for operator surfaces

    bool operator==(const ContainerUrl&) const = default;
};

struct Container {
    std::string id;
    std::string projectId;
    std::string realmId;
    std::string name;
    std::string templateName;
    bool autostart = false;
    ContainerStatus status = ContainerStatus::Stopped;
    std::string statusReason;
    ContainerLimits limits;
    std::vector<ContainerUrl> urls;
    std::string createdAt;
    std::string updatedAt;
    std::uint64_t version = 0;

    bool operator==(const Container&) const = default;
};

struct ContainerCreate {
    std::string name;
    std::string templateName;
    std::optional<bool> autostart;
    std::optional<ContainerLimitsInput> limits;
};

struct ContainerPatch {
    std::optional<std::string> name;
    std::optional<bool> autostart;
    std::optional<ContainerLimitsInput> limits;
};

// Limits: memory 16 MiB–1 TiB, cpus 0.01–1024. Templates: busybox, debian, or an
// absolute path to a local rootfs tarball. Throw ValidationError(field).
void validateLimits(const ContainerLimits& limits);
void validateTemplate(const std::string& templateName);

void to_json(nlohmann::json& j, const ContainerLimits& l);
void from_json(const nlohmann::json& j, ContainerLimits& l);
void to_json(nlohmann::json& j, const ContainerLimitsInput& l);
void from_json(const nlohmann::json& j, ContainerLimitsInput& l);
void to_json(nlohmann::json& j, const ContainerUrl& u);
void from_json(const nlohmann::json& j, ContainerUrl& u);
void to_json(nlohmann::json& j, const Container& c);
void from_json(const nlohmann::json& j, Container& c);
void to_json(nlohmann::json& j, const ContainerCreate& c);
void from_json(const nlohmann::json& j, ContainerCreate& c);
void to_json(nlohmann::json& j, const ContainerPatch& c);
void from_json(const nlohmann::json& j, ContainerPatch& c);

} // namespace cowl
