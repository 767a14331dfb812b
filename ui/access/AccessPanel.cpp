// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/access/AccessPanel.h"

#include <QHeaderView>

#include "ui/access/ContainerAccess.h"
#include "ui_AccessPanel.h"

namespace cowl::ui {

namespace {

QTableWidgetItem* cell(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    item->setToolTip(text);
    return item;
}

} // namespace

AccessPanel::AccessPanel(QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::AccessPanel>()), m_access(new ContainerAccess(this)) {
    m_ui->setupUi(this);
    m_ui->groupsTable->setHorizontalHeaderLabels({tr("Group"), tr("Type"), tr("Programs"), tr("From")});
    m_ui->aliasesTable->setHorizontalHeaderLabels({tr("Alias"), tr("Program"), tr("Risk"), tr("Why")});
    for (QTableWidget* table : {m_ui->groupsTable, m_ui->aliasesTable}) {
        table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        table->horizontalHeader()->setStretchLastSection(true);
    }
    connect(m_access, &ContainerAccess::changed, this, &AccessPanel::refresh);
    refresh();
}

AccessPanel::~AccessPanel() = default;

void AccessPanel::setContainer(NodeSession* session, const std::string& containerId) {
    m_access->setContainer(session, containerId);
}

QString AccessPanel::riskText(const QString& level) {
    if (level == QLatin1String("low")) {
        return tr("low");
    }
    if (level == QLatin1String("medium")) {
        return tr("medium");
    }
    if (level == QLatin1String("high")) {
        return tr("high");
    }
    if (level == QLatin1String("critical")) {
        return tr("critical");
    }
    return level;
}

void AccessPanel::refresh() {
    QString source;
    if (!m_access->accessError().isEmpty()) {
        source = tr("Access document not loaded: %1").arg(m_access->accessError());
    } else if (m_access->source() == QLatin1String("container")) {
        source = tr("In force: this container's own access document (it replaces the project's).");
    } else if (m_access->source() == QLatin1String("project")) {
        source = tr("In force: the project's access document.");
    } else if (m_access->source() == QLatin1String("none")) {
        source = tr("No access document is in force: anyone who knows a URL reaches the container.");
    }
    m_ui->sourceLabel->setText(source);
    const bool open = m_access->source() == QLatin1String("none") || m_access->defaultDecision() == QLatin1String("allow");
    m_ui->sourceLabel->setStyleSheet(open || !m_access->accessError().isEmpty() ? QStringLiteral("color: #b00020;")
                                                                                 : QString());
    m_ui->defaultLabel->setText(m_access->defaultDecision() == QLatin1String("allow")
                                    ? tr("Default: allow — requests that match no group get through.")
                                    : (m_access->defaultDecision().isEmpty()
                                           ? QString()
                                           : tr("Default: deny — only the groups below get through.")));
    m_ui->defaultLabel->setVisible(!m_access->defaultDecision().isEmpty());

    const auto& groups = m_access->groups();
    m_ui->groupsTable->setRowCount(static_cast<int>(groups.size()));
    for (int row = 0; row < static_cast<int>(groups.size()); ++row) {
        const AccessGroupRow& group = groups[static_cast<std::size_t>(row)];
        m_ui->groupsTable->setItem(row, 0, cell(group.name));
        m_ui->groupsTable->setItem(row, 1, cell(group.type));
        m_ui->groupsTable->setItem(row, 2,
                                   cell(group.programs.isEmpty() ? tr("none") : group.programs.join(QStringLiteral(", "))));
        m_ui->groupsTable->setItem(row, 3,
                                   cell(group.from.isEmpty() ? tr("anywhere") : group.from.join(QStringLiteral(", "))));
    }
    m_ui->groupsTable->setVisible(!groups.empty());

    const auto& aliases = m_access->aliases();
    if (!m_access->aliasError().isEmpty()) {
        m_ui->aliasesLabel->setText(tr("Aliases not loaded: %1").arg(m_access->aliasError()));
    } else {
        m_ui->aliasesLabel->setText(aliases.empty() ? tr("No alias points at this container.")
                                                    : tr("Aliases pointing at this container:"));
    }
    m_ui->aliasesTable->setRowCount(static_cast<int>(aliases.size()));
    for (int row = 0; row < static_cast<int>(aliases.size()); ++row) {
        const AliasRow& alias = aliases[static_cast<std::size_t>(row)];
        QString name = alias.alias;
        if (!alias.enabled) {
            name = tr("%1 (disabled)").arg(name);
        }
        auto* nameItem = cell(name);
        nameItem->setToolTip(alias.url);
        m_ui->aliasesTable->setItem(row, 0, nameItem);
        m_ui->aliasesTable->setItem(row, 1, cell(alias.program));
        auto* risk = cell(riskText(alias.level));
        if (alias.level == QLatin1String("high") || alias.level == QLatin1String("critical")) {
            risk->setForeground(QColor(0xb0, 0x00, 0x20));
            QFont bold = risk->font();
            bold.setBold(true);
            risk->setFont(bold);
        }
        m_ui->aliasesTable->setItem(row, 2, risk);
        m_ui->aliasesTable->setItem(row, 3, cell(alias.reasons.join(QStringLiteral("; "))));
    }
    m_ui->aliasesTable->setVisible(!aliases.empty());
}

} // namespace cowl::ui
