// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "shared/Id.h"

namespace cowl::node {

// What a container is made from. Written as a string on the wire:
// "busybox", "debian" (or "debian:bookworm"), "tarball:/abs/path/rootfs.tar.gz".
struct ContainerTemplate {
    enum class Kind { Busybox, Debian, Tarball };
    Kind kind = Kind::Busybox;
    std::string debianRelease = "bookworm";
    std::filesystem::path tarball;

    // Throws RuntimeError(InvalidInput, "template") naming the accepted forms.
    static ContainerTemplate parse(std::string_view text);
    std::string str() const;
};

// Per-container cgroup limits. Ranges are what a real server can honour.
struct ContainerLimits {
    static constexpr int kMinMemoryMb = 16;
    static constexpr int kMaxMemoryMb = 1024 * 1024;
    static constexpr double kMinCpus = 0.01;
    static constexpr double kMaxCpus = 1024;

    int memoryMb = 512;
    double cpus = 1.0;

    // Throws RuntimeError(InvalidInput, "limits.memory_mb" / "limits.cpus").
    void validate() const;
};

struct CreateSpec {
    Id id;
    std::string hostname; // 1–63 of [a-z0-9-], no hyphen at either end; the container name
    ContainerTemplate source;
    ContainerLimits limits;
    bool autostart = false;

    void validate() const;
};

enum class ContainerState { Creating, Running, Stopped, Failed, Deleting };

std::string_view toString(ContainerState state);

struct ContainerInfo {
    explicit ContainerInfo(Id containerId) : id(std::move(containerId)) {}

    Id id;
    std::string hostname;
    ContainerTemplate source;
    ContainerLimits limits;
    bool autostart = false;
    ContainerState state = ContainerState::Stopped;
    std::string stateReason; // why it is failed; empty otherwise
    std::string address;       // the container's IPv6 address
    std::string hostInterface; // the host side of its veth
};

} // namespace cowl::node
