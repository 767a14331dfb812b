// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/SnapshotScheduler.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "node/containers/RuntimeError.h"
#include "node/containers/SnapshotStore.h"

namespace cowl::node {

namespace {

using nlohmann::json;
using std::chrono::system_clock;

json toJson(const SnapshotSchedule& s) {
    return {{"enabled", s.enabled},
            {"prune_labelled", s.pruneLabelled},
            {"retention",
             {{"hourly", s.retention.hourly},
              {"daily", s.retention.daily},
              {"weekly", s.retention.weekly},
              {"monthly", s.retention.monthly}}}};
}

SnapshotSchedule scheduleFromJson(const json& j) {
    SnapshotSchedule s;
    s.enabled = j.at("enabled").get<bool>();
    s.pruneLabelled = j.value("prune_labelled", false);
    const auto& r = j.at("retention");
    s.retention.hourly = r.value("hourly", 0);
    s.retention.daily = r.value("daily", 0);
    s.retention.weekly = r.value("weekly", 0);
    s.retention.monthly = r.value("monthly", 0);
    return s;
}

std::map<Id, SnapshotSchedule> schedulesFromJson(const json& j) {
    std::map<Id, SnapshotSchedule> result;
    for (const auto& [key, value] : j.items()) {
        if (const auto id = Id::parse(key)) {
            result.emplace(*id, scheduleFromJson(value));
        }
    }
    return result;
}

} // namespace

SnapshotScheduler::SnapshotScheduler(SnapshotStore& store, Options options)
    : m_store(store), m_options(std::move(options)) {
    load();
}

void SnapshotScheduler::load() {
    std::ifstream in(m_options.stateFile);
    if (!in) {
        return; // first start
    }
    const json j = json::parse(in);
    m_containerSchedules = schedulesFromJson(j.value("containers", json::object()));
    m_projectSchedules = schedulesFromJson(j.value("projects", json::object()));
    const json lastRun = j.value("last_run", json::object());
    for (const auto& [key, value] : lastRun.items()) {
        if (const auto id = Id::parse(key)) {
            m_lastRun[*id] = system_clock::time_point(std::chrono::seconds(value.get<long long>()));
        }
    }
}

void SnapshotScheduler::save() const {
    json j = {{"containers", json::object()}, {"projects", json::object()}, {"last_run", json::object()}};
    for (const auto& [id, s] : m_containerSchedules) {
        j["containers"][id.str()] = toJson(s);
    }
    for (const auto& [id, s] : m_projectSchedules) {
        j["projects"][id.str()] = toJson(s);
    }
    for (const auto& [id, t] : m_lastRun) {
        j["last_run"][id.str()] = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
    }
    std::filesystem::create_directories(m_options.stateFile.parent_path());
    const auto temporary = m_options.stateFile.string() + ".tmp";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << j.dump(2) << "\n";
        if (!out.flush()) {
            throw RuntimeError(RuntimeError::Kind::Failed, "", "cannot write the snapshot schedules to " + temporary);
        }
    }
    std::filesystem::rename(temporary, m_options.stateFile);
}

void SnapshotScheduler::setContainerSchedule(const Id& container, const std::optional<SnapshotSchedule>& schedule) {
    if (schedule) {
        schedule->retention.validate();
    }
    std::lock_guard lock(m_mutex);
    if (schedule) {
        m_containerSchedules[container] = *schedule;
    } else {
        m_containerSchedules.erase(container);
    }
    save();
}

void SnapshotScheduler::setProjectSchedule(const Id& project, const std::optional<SnapshotSchedule>& schedule) {
    if (schedule) {
        schedule->retention.validate();
    }
    std::lock_guard lock(m_mutex);
    if (schedule) {
        m_projectSchedules[project] = *schedule;
    } else {
        m_projectSchedules.erase(project);
    }
    save();
}

std::optional<SnapshotSchedule> SnapshotScheduler::containerSchedule(const Id& container) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_containerSchedules.find(container);
    return it == m_containerSchedules.end() ? std::nullopt : std::optional(it->second);
}

std::optional<SnapshotSchedule> SnapshotScheduler::projectSchedule(const Id& project) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_projectSchedules.find(project);
    return it == m_projectSchedules.end() ? std::nullopt : std::optional(it->second);
}

std::optional<SnapshotSchedule> SnapshotScheduler::effectiveSchedule(const Placement& placement) const {
    if (auto own = containerSchedule(placement.container)) {
        return own;
    }
    return projectSchedule(placement.project);
}

void SnapshotScheduler::replaceAll(std::map<Id, SnapshotSchedule> containers,
                                   std::map<Id, SnapshotSchedule> projects) {
    for (const auto* schedules : {&containers, &projects}) {
        for (const auto& [id, schedule] : *schedules) {
            schedule.retention.validate();
        }
    }
    std::lock_guard lock(m_mutex);
    m_containerSchedules = std::move(containers);
    m_projectSchedules = std::move(projects);
    save();
}

std::optional<std::chrono::system_clock::time_point> SnapshotScheduler::lastRun(const Id& container) const {
    std::lock_guard lock(m_mutex);
    const auto it = m_lastRun.find(container);
    return it == m_lastRun.end() ? std::nullopt : std::optional(it->second);
}

void SnapshotScheduler::forget(const Id& container) {
    std::lock_guard lock(m_mutex);
    m_containerSchedules.erase(container);
    m_lastRun.erase(container);
    save();
}

SnapshotScheduler::TickReport SnapshotScheduler::tick() {
    TickReport report;
    const auto now = m_options.clock();
    for (const auto& placement : m_options.containers()) {
        const auto& id = placement.container;
        const auto schedule = effectiveSchedule(placement);
        const bool active = schedule && schedule->enabled;
        try {
            if (active) {
                std::optional<system_clock::time_point> last;
                {
                    std::lock_guard lock(m_mutex);
                    if (const auto it = m_lastRun.find(id); it != m_lastRun.end()) {
                        last = it->second;
                    }
                }
                if (!last || now - *last >= schedule->retention.interval()) {
                    m_store.create(id, SnapshotRequest{});
                    report.snapshotted.push_back(id);
                    std::lock_guard lock(m_mutex);
                    m_lastRun[id] = now;
                    save();
                }
            }
            const auto pruned = m_store.prune(id, active ? std::optional(schedule->retention) : std::nullopt,
                                              active && schedule->pruneLabelled);
            if (!pruned.empty()) {
                report.pruned[id] = std::vector<std::string>(pruned.begin(), pruned.end());
            }
        } catch (const std::exception& e) {
            spdlog::warn("container {}: scheduled snapshot work failed: {}", id.str(), e.what());
            report.errors[id] = e.what();
        }
    }
    return report;
}

} // namespace cowl::node
