#pragma once

#include <QList>
#include <QString>
#include <QWidget>

namespace pulc::ui {

/// Classes with horizontal probability bars, one row each: name, bar, score. An optional
/// threshold draws a marker on every bar, and rows at or above it get a check mark (attributes
/// of a multi-label model). GUI thread.
class ProbabilityBars : public QWidget
{
    Q_OBJECT

public:
    struct Entry
    {
        QString name;
        double score = 0.0; ///< in [0, 1]
        bool highlighted = false;
    };

    explicit ProbabilityBars(QWidget *parent = nullptr);

    /// Shows `entries` in this order; `threshold` < 0 draws no marker and no checks.
    void setEntries(const QList<Entry> &entries, double threshold = -1.0);
    const QList<Entry> &entries() const { return m_entries; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    int rowHeight() const;
    int nameWidth() const;
    QList<Entry> m_entries;
    double m_threshold = -1.0;
};

} // namespace pulc::ui
