#include "idxreader.h"

#include <QFile>

#include <zlib.h>

#include <algorithm>
#include <climits>

namespace pulc::dataset {

namespace {

constexpr quint32 kLabelMagic = 0x00000801;
constexpr quint32 kImageMagic = 0x00000803;
constexpr int kMaxSide = 4096;
constexpr qint64 kMaxPayloadBytes = 2LL * 1024 * 1024 * 1024;
// Payloads are read in steps so that a short file which declares billions of items fails on
// its real length instead of first allocating what the header claims.
constexpr qint64 kReadStep = 16LL * 1024 * 1024;

bool isGzipStart(const QByteArray &head)
{
    return head.size() >= 2 && quint8(head[0]) == 0x1F && quint8(head[1]) == 0x8B;
}

quint32 bigEndian32(const char *p)
{
    return (quint32(quint8(p[0])) << 24) | (quint32(quint8(p[1])) << 16) |
           (quint32(quint8(p[2])) << 8) | quint32(quint8(p[3]));
}

QString hex32(quint32 v)
{
    return QStringLiteral("0x%1").arg(v, 8, 16, QLatin1Char('0'));
}

// A file read as a byte stream, inflating it on the fly when it is gzip-compressed, so that
// plain and compressed files share one parser and a compressed file is never held twice.
class IdxStream
{
public:
    explicit IdxStream(const QString &path)
        : m_file(path)
    {}
    ~IdxStream()
    {
        if (m_gzip)
            inflateEnd(&m_zip);
    }
    IdxStream(const IdxStream &) = delete;
    IdxStream &operator=(const IdxStream &) = delete;

    /// Opens the file and sniffs gzip from its content; on failure error() says why.
    bool open()
    {
        if (!m_file.open(QIODevice::ReadOnly)) {
            m_error = QStringLiteral("cannot open (%1)").arg(m_file.errorString());
            return false;
        }
        if (!isGzipStart(m_file.peek(2)))
            return true;
        // 16 + MAX_WBITS: expect a gzip wrapper (header and CRC trailer), not raw zlib.
        if (inflateInit2(&m_zip, 16 + MAX_WBITS) != Z_OK) {
            m_error = QStringLiteral("cannot initialise zlib");
            return false;
        }
        m_gzip = true;
        m_input.resize(64 * 1024);
        return true;
    }

    /// Reads up to `count` bytes; fewer means the data ended. -1 means an error (see error()).
    qint64 read(char *data, qint64 count)
    {
        return m_gzip ? inflateInto(data, count) : readPlain(data, count);
    }

    const QString &error() const { return m_error; }

private:
    qint64 readPlain(char *data, qint64 count)
    {
        qint64 done = 0;
        while (done < count) {
            const qint64 n = m_file.read(data + done, count - done);
            if (n < 0) {
                m_error = QStringLiteral("read error (%1)").arg(m_file.errorString());
                return -1;
            }
            if (n == 0)
                break;
            done += n;
        }
        return done;
    }

    qint64 inflateInto(char *data, qint64 count)
    {
        qint64 done = 0;
        while (done < count) {
            if (m_zip.avail_in == 0) {
                const qint64 n = m_file.read(m_input.data(), m_input.size());
                if (n < 0) {
                    m_error = QStringLiteral("read error (%1)").arg(m_file.errorString());
                    return -1;
                }
                if (n == 0) {
                    if (m_streamEnded)
                        return done;
                    m_error = QStringLiteral("corrupt gzip data (the compressed stream ends "
                                             "early; the file may be truncated)");
                    return -1;
                }
                m_zip.next_in = reinterpret_cast<Bytef *>(m_input.data());
                m_zip.avail_in = static_cast<uInt>(n);
            }
            if (m_streamEnded) {
                // gzip allows several members back to back; anything else after the first
                // member is padding that gzip(1) also ignores.
                if (*m_zip.next_in != 0x1F)
                    return done;
                inflateReset(&m_zip);
                m_streamEnded = false;
            }
            const qint64 want = std::min<qint64>(count - done, 1 << 30);
            m_zip.next_out = reinterpret_cast<Bytef *>(data + done);
            m_zip.avail_out = static_cast<uInt>(want);
            const int rc = inflate(&m_zip, Z_NO_FLUSH);
            done += want - m_zip.avail_out;
            if (rc == Z_STREAM_END) {
                m_streamEnded = true;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                m_error = QStringLiteral("corrupt gzip data (%1)")
                              .arg(m_zip.msg ? QString::fromLatin1(m_zip.msg)
                                             : QStringLiteral("zlib error %1").arg(rc));
                return -1;
            }
        }
        return done;
    }

    QFile m_file;
    QString m_error;
    bool m_gzip = false;
    bool m_streamEnded = false;
    z_stream m_zip{};
    QByteArray m_input; // compressed bytes waiting for inflate
};

// Reads exactly `size` bytes of payload or reports how many there were. The buffer grows
// with the data actually present (see kReadStep).
bool readPayload(IdxStream &stream, qint64 size, QByteArray *out, qint64 *available)
{
    out->clear();
    qint64 done = 0;
    while (done < size) {
        const qint64 step = std::min(kReadStep, size - done);
        out->resize(done + step);
        const qint64 n = stream.read(out->data() + done, step);
        if (n < 0)
            return false;
        done += n;
        if (n < step)
            break;
    }
    out->resize(done);
    *available = done;
    return true;
}

// Once the payload is in, reading a little further lets zlib reach the gzip trailer and
// check the CRC, so a corrupted compressed file is not accepted with wrong pixels.
bool verifyTrailer(IdxStream &stream)
{
    char scratch[4096];
    return stream.read(scratch, sizeof(scratch)) >= 0;
}

// Reads the header words after the magic. Returns the error text, empty on success.
QString readHeader(IdxStream &stream, quint32 expectedMagic, quint32 *words, int wordCount)
{
    char header[16];
    const qint64 want = 4 + 4 * wordCount;
    const qint64 got = stream.read(header, want);
    if (got < 0)
        return stream.error();
    if (got < 4)
        return QStringLiteral("too short to be an IDX file (%1 bytes)").arg(got);
    const quint32 magic = bigEndian32(header);
    if (magic != expectedMagic) {
        const bool images = expectedMagic == kImageMagic;
        QString message =
            QStringLiteral("not an IDX %1 file (magic %2)")
                .arg(images ? QStringLiteral("image") : QStringLiteral("label"), hex32(magic));
        if (magic == kLabelMagic || magic == kImageMagic)
            message += images ? QStringLiteral("; this is a label file")
                              : QStringLiteral("; this is an image file");
        return message;
    }
    if (got < want)
        return QStringLiteral("truncated header (%1 of %2 bytes)").arg(got).arg(want);
    for (int i = 0; i < wordCount; ++i)
        words[i] = bigEndian32(header + 4 + 4 * i);
    return {};
}

} // namespace

Result<IdxImages> readIdxImages(const QString &path)
{
    auto fail = [&](const QString &why) {
        return Result<IdxImages>::failure(QStringLiteral("%1: %2").arg(path, why));
    };
    IdxStream stream(path);
    if (!stream.open())
        return fail(stream.error());
    quint32 words[3] = {};
    if (const QString error = readHeader(stream, kImageMagic, words, 3); !error.isEmpty())
        return fail(error);
    const qint64 count = words[0];
    const qint64 rows = words[1];
    const qint64 cols = words[2];
    if (rows < 1 || rows > kMaxSide || cols < 1 || cols > kMaxSide) {
        return fail(QStringLiteral("implausible image size %1x%2 (each side must be 1 to %3)")
                        .arg(rows)
                        .arg(cols)
                        .arg(kMaxSide));
    }
    // rows * cols <= 2^24 and count < 2^32, so the product fits in 64 bits.
    const qint64 size = count * rows * cols;
    if (size > kMaxPayloadBytes || count > INT_MAX) {
        return fail(QStringLiteral("implausible size: %1 images of %2x%3 is more than 2 GiB")
                        .arg(count)
                        .arg(rows)
                        .arg(cols));
    }

    IdxImages images;
    qint64 available = 0;
    if (!readPayload(stream, size, &images.pixels, &available))
        return fail(stream.error());
    if (available < size) {
        return fail(QStringLiteral("truncated: header says %1 images of %2x%3 but only %4 bytes "
                                   "follow")
                        .arg(count)
                        .arg(rows)
                        .arg(cols)
                        .arg(available));
    }
    if (!verifyTrailer(stream))
        return fail(stream.error());
    images.count = static_cast<int>(count);
    images.rows = static_cast<int>(rows);
    images.cols = static_cast<int>(cols);
    return images;
}

Result<QByteArray> readIdxLabels(const QString &path)
{
    auto fail = [&](const QString &why) {
        return Result<QByteArray>::failure(QStringLiteral("%1: %2").arg(path, why));
    };
    IdxStream stream(path);
    if (!stream.open())
        return fail(stream.error());
    quint32 words[1] = {};
    if (const QString error = readHeader(stream, kLabelMagic, words, 1); !error.isEmpty())
        return fail(error);
    const qint64 count = words[0];
    if (count > kMaxPayloadBytes)
        return fail(QStringLiteral("implausible size: %1 labels is more than 2 GiB").arg(count));

    QByteArray labels;
    qint64 available = 0;
    if (!readPayload(stream, count, &labels, &available))
        return fail(stream.error());
    if (available < count) {
        return fail(QStringLiteral("truncated: header says %1 labels but only %2 bytes follow")
                        .arg(count)
                        .arg(available));
    }
    if (!verifyTrailer(stream))
        return fail(stream.error());
    return labels;
}

bool looksLikeIdx(const QString &path)
{
    // The content decides, not the name: a gzip file counts only when what it inflates to
    // starts with an IDX magic, so an unrelated .gz in the same folder is not offered.
    IdxStream stream(path);
    if (!stream.open())
        return false;
    char head[4];
    if (stream.read(head, 4) != 4)
        return false;
    const quint32 magic = bigEndian32(head);
    return magic == kImageMagic || magic == kLabelMagic;
}

} // namespace pulc::dataset
