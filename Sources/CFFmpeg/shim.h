#ifndef ROUTINE_CFFMPEG_SHIM_H
#define ROUTINE_CFFMPEG_SHIM_H

#include <libavformat/avformat.h>
#include <libavcodec/avcodec.h>
#include <libswscale/swscale.h>
#include <libavutil/avutil.h>
#include <libavutil/imgutils.h>
#include <libavutil/display.h>
#include <libavutil/opt.h>
#include <libavutil/error.h>

// Macros Swift cannot import, exposed as functions and constants.
static inline int cffmpeg_averror(int errnum) { return AVERROR(errnum); }
static const int CFFMPEG_AVERROR_EOF = AVERROR_EOF;
static const int CFFMPEG_AVERROR_EAGAIN = -EAGAIN;
static const int CFFMPEG_AVERROR_INVALIDDATA = AVERROR_INVALIDDATA;
static const int CFFMPEG_AVERROR_DECODER_NOT_FOUND = AVERROR_DECODER_NOT_FOUND;
static const int64_t CFFMPEG_AV_NOPTS_VALUE = AV_NOPTS_VALUE;
static const int CFFMPEG_FF_THREAD_FRAME = FF_THREAD_FRAME;
static const int CFFMPEG_FF_THREAD_SLICE = FF_THREAD_SLICE;
static const int CFFMPEG_AVIO_FLAG_WRITE = AVIO_FLAG_WRITE;
static const int CFFMPEG_AV_CODEC_FLAG_GLOBAL_HEADER = AV_CODEC_FLAG_GLOBAL_HEADER;
static const int CFFMPEG_AVFMT_GLOBALHEADER = AVFMT_GLOBALHEADER;
static const int CFFMPEG_AVFMT_NOFILE = AVFMT_NOFILE;
static const int CFFMPEG_AV_CODEC_FLAG_QSCALE = AV_CODEC_FLAG_QSCALE;
static const int CFFMPEG_AV_CODEC_FLAG_BITEXACT = AV_CODEC_FLAG_BITEXACT;
static const int CFFMPEG_FF_QP2LAMBDA = FF_QP2LAMBDA;

/// The message FFmpeg has for an error code (av_strerror), copied into `buffer`.
static inline const char *cffmpeg_strerror(int errnum, char *buffer, size_t size) {
    av_strerror(errnum, buffer, size);
    return buffer;
}

/// The rotation of a stream's display matrix side data in degrees (counter-clockwise, as
/// av_display_rotation_get reports it), or 0 when the stream carries none.
static inline double cffmpeg_stream_rotation(const AVStream *stream) {
    size_t size = 0;
    const uint8_t *matrix = av_stream_get_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, &size);
    if (!matrix || size < 9 * sizeof(int32_t)) return 0;
    double angle = av_display_rotation_get((const int32_t *)matrix);
    return angle != angle ? 0 : angle; // NaN guard
}

/// Attaches a display matrix telling players to rotate the picture by `degrees` clockwise,
/// as phone cameras do (av_display_rotation_set takes a clockwise angle; reading it back with
/// av_display_rotation_get gives the counter-clockwise angle, -degrees).
static inline int cffmpeg_stream_set_rotation(AVStream *stream, double degrees) {
    uint8_t *matrix = av_stream_new_side_data(stream, AV_PKT_DATA_DISPLAYMATRIX, 9 * sizeof(int32_t));
    if (!matrix) return AVERROR(ENOMEM);
    av_display_rotation_set((int32_t *)matrix, degrees);
    return 0;
}

#endif
