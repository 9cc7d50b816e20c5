#pragma once

#include <engine/training.h>

#include <QAbstractListModel>
#include <QHash>

#include <memory>
#include <vector>

namespace pulc::ui {

class ProjectSession;
class ThumbnailLoader;

/// A list of evaluated images (the misclassified ones by loss, or one confusion-matrix cell)
/// with their thumbnails, true and predicted labels and score. Listens to the session, so an
/// image relabelled since the evaluation shows as relabelled (and stops doing so on undo).
/// Thumbnails come from the ThumbnailLoader's workers. GUI thread.
class EvaluateSampleModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SampleIdRole = Qt::UserRole, ///< qint64, the project's sample id
        SampleIndexRole,             ///< int, index into EvalResult::samples
        TrueLabelRole,               ///< QString, the label the model was evaluated against
        PredictedLabelRole,          ///< QString (multi-label: the attributes predicted)
        PredictedIndexRole,          ///< int, the predicted class (-1 for multi-label)
        ScoreRole,                   ///< double, the model's score of its prediction
        LossRole,                    ///< double
        RelabelledRole,              ///< bool: the sample's labels changed since evaluation
        CurrentLabelRole,            ///< QString, the sample's labels now
    };
    Q_ENUM(Role)

    EvaluateSampleModel(ProjectSession *session, ThumbnailLoader *loader,
                        QObject *parent = nullptr);

    /// Shows `sampleIndexes` (into result->samples) in that order. The labels the samples have
    /// in the session now are remembered as "before", to spot relabelling.
    void setSamples(std::shared_ptr<const pulc::engine::EvalResult> result,
                    std::vector<int> sampleIndexes);
    void clear();

    qint64 sampleId(int row) const;
    /// Project sample ids of `rows`.
    std::vector<qint64> sampleIds(const QModelIndexList &indexes) const;

    /// Indexes into result.samples of the misclassified images, highest loss first:
    /// predicted != true label (single-label and binary), or any attribute decided wrongly at
    /// result.threshold (multi-label). Failed images are left out.
    static std::vector<int> misclassified(const pulc::engine::EvalResult &result);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    QString predictedText(const pulc::engine::EvalSample &sample, double *score) const;
    QString currentLabels(qint64 sampleId) const;
    void samplesChanged(const QList<qint64> &ids);
    void thumbnailReady(qint64 id);

    ProjectSession *m_session;
    ThumbnailLoader *m_loader;
    std::shared_ptr<const pulc::engine::EvalResult> m_result;
    std::vector<int> m_indexes;
    QHash<qint64, int> m_rowOf;
    QHash<qint64, std::vector<qint64>> m_before; ///< class ids when the list was set
};

} // namespace pulc::ui
