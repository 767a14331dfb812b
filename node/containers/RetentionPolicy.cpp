// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/containers/RetentionPolicy.h"

#include <algorithm>
#include <functional>

#include "node/containers/RuntimeError.h"

namespace cowl::node {

namespace {

using std::chrono::system_clock;

long long hourOf(system_clock::time_point t) {
    return std::chrono::floor<std::chrono::hours>(t).time_since_epoch().count();
}

long long dayOf(system_clock::time_point t) {
    return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
}

long long isoWeekOf(system_clock::time_point t) {
    // 1970-01-01 was a Thursday: shifting by 3 days makes weeks start on Monday.
    const long long day = dayOf(t) + 3;
    return day >= 0 ? day / 7 : (day - 6) / 7;
}

long long monthOf(system_clock::time_point t) {
    const std::chrono::year_month_day ymd{std::chrono::floor<std::chrono::days>(t)};
    return static_cast<long long>(static_cast<int>(ymd.year())) * 12 + static_cast<unsigned>(ymd.month());
}

} // namespace

void RetentionPolicy::validate() const {
    const std::pair<int, const char*> tiers[] = {
        {hourly, "retention.hourly"}, {daily, "retention.daily"}, {weekly, "retention.weekly"}, {monthly, "retention.monthly"}};
    for (const auto& [count, field] : tiers) {
        if (count < 0 || count > kMaxPerTier) {
            throw RuntimeError(RuntimeError::Kind::InvalidInput, field,
                               std::string(field) + " must be between 0 and " + std::to_string(kMaxPerTier));
        }
    }
    if (hourly + daily + weekly + monthly == 0) {
        throw RuntimeError(RuntimeError::Kind::InvalidInput, "retention",
                           "a schedule must keep at least one snapshot: set hourly, daily, weekly or monthly above 0");
    }
}

std::chrono::seconds RetentionPolicy::interval() const {
    using namespace std::chrono;
    if (hourly > 0) {
        return hours(1);
    }
    if (daily > 0) {
        return days(1);
    }
    if (weekly > 0) {
        return weeks(1);
    }
    return days(30);
}

std::set<std::string> RetentionPolicy::toDelete(const std::vector<SnapshotInfo>& snapshots,
                                                system_clock::time_point now, bool pruneLabelled) const {
    std::set<std::string> deleted;
    std::vector<const SnapshotInfo*> candidates;
    for (const auto& snapshot : snapshots) {
        if (snapshot.expiresAt && *snapshot.expiresAt <= now) {
            deleted.insert(snapshot.name);
        } else if (pruneLabelled || snapshot.label.empty()) {
            candidates.push_back(&snapshot);
        }
    }
    std::sort(candidates.begin(), candidates.end(),
              [](const SnapshotInfo* a, const SnapshotInfo* b) { return a->createdAt > b->createdAt; });

    std::set<std::string> kept;
    const std::pair<int, std::function<long long(system_clock::time_point)>> tiers[] = {
        {hourly, hourOf}, {daily, dayOf}, {weekly, isoWeekOf}, {monthly, monthOf}};
    for (const auto& [count, bucketOf] : tiers) {
        int taken = 0;
        std::optional<long long> lastBucket;
        for (const auto* snapshot : candidates) {
            if (taken >= count) {
                break;
            }
            const long long bucket = bucketOf(snapshot->createdAt);
            if (!lastBucket || bucket != *lastBucket) {
                kept.insert(snapshot->name);
                lastBucket = bucket;
                ++taken;
            }
        }
    }
    for (const auto* snapshot : candidates) {
        if (!kept.contains(snapshot->name)) {
            deleted.insert(snapshot->name);
        }
    }
    return deleted;
}

} // namespace cowl::node
