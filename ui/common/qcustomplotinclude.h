#pragma once

// QCustomPlot's header uses the `signals` and `foreach` keywords, which our targets switch off
// (QT_NO_KEYWORDS, docs/architecture.md, 'The torch firewall'). Include it through this file: the
// keywords exist only while its declarations are read.
#if defined(QT_NO_KEYWORDS) && !defined(signals)
#define signals Q_SIGNALS
#define foreach Q_FOREACH
#define PULC_QCUSTOMPLOT_KEYWORDS
#endif

#include <qcustomplot.h>

#ifdef PULC_QCUSTOMPLOT_KEYWORDS
#undef signals
#undef foreach
#undef PULC_QCUSTOMPLOT_KEYWORDS
#endif
