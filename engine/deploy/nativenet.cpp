#include "engine/deploy/nativenet.h"

#include "engine/runtime/openmp.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <stdexcept>

namespace pulc::engine {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using Dt = memory::data_type;

/// Sets the calling thread's OpenMP thread count for its lifetime and restores it afterwards,
/// so LibTorch on the same thread keeps its own setting.
class ThreadScope
{
public:
    explicit ThreadScope(int threads)
    {
        if (openmp::api().setNumThreads && openmp::api().getMaxThreads) {
            m_saved = openmp::api().getMaxThreads();
            if (m_saved != threads)
                openmp::api().setNumThreads(threads);
            else
                m_saved = 0;
        }
    }
    ~ThreadScope()
    {
        if (m_saved > 0)
            openmp::api().setNumThreads(m_saved);
    }
    ThreadScope(const ThreadScope &) = delete;
    ThreadScope &operator=(const ThreadScope &) = delete;

private:
    int m_saved = 0;
};

dnnl::post_ops activationOps(Activation a)
{
    dnnl::post_ops ops;
    switch (a) {
    case Activation::None:
        break;
    case Activation::ReLU:
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
        break;
    case Activation::HardSwish:
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_hardswish, 0.0f, 0.0f);
        break;
    case Activation::HardSigmoid:
        // oneDNN 2.6 has no hardsigmoid: clip(x / 6 + 1 / 2, 0, 1).
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_linear, 1.0f / 6.0f, 0.5f);
        ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_clip, 0.0f, 1.0f);
        break;
    }
    return ops;
}

dnnl::primitive_attr makeAttr(Activation a)
{
    dnnl::primitive_attr attr;
    attr.set_scratchpad_mode(dnnl::scratchpad_mode::user);
    attr.set_post_ops(activationOps(a));
    return attr;
}

/// A float buffer aligned for AVX-512, allocated once.
struct Buffer
{
    float *data = nullptr;
    size_t bytes = 0;
    void reserve(size_t wanted)
    {
        if (wanted <= bytes)
            return;
        std::free(data);
        bytes = (wanted + 63) / 64 * 64;
        data = static_cast<float *>(std::aligned_alloc(64, bytes));
        if (!data)
            throw std::bad_alloc();
    }
    ~Buffer() { std::free(data); }
};

/// x[n][pixel][c] *= gate[n][c] over an NHWC tensor. oneDNN 2.6's binary primitive handles
/// this per-image channel broadcast ([N, C, 1, 1] against [N, C, H, W]) for N > 1 on a slow path
/// (12 ms for 32x256x7x7 on a Xeon where this loop takes well under 1 ms).
void scaleChannelsNhwc(float *x, const float *gate, int batch, int pixels, int channels)
{
    for (int b = 0; b < batch; ++b) {
        const float *g = gate + static_cast<size_t>(b) * channels;
        float *xb = x + static_cast<size_t>(b) * pixels * channels;
        for (int p = 0; p < pixels; ++p) {
            float *row = xb + static_cast<size_t>(p) * channels;
            for (int k = 0; k < channels; ++k)
                row[k] *= g[k];
        }
    }
}

/// One primitive call with its arguments, ready for dnnl_primitive_execute (no map per call),
/// or, without a primitive, the SE multiply on the buffers named here.
struct Step
{
    float *seX = nullptr;
    const float *seGate = nullptr;
    int seBatch = 0;
    int sePixels = 0;
    int seChannels = 0;
    dnnl::primitive prim;
    std::vector<memory> keep; ///< owns the memory objects the args point to
    std::vector<dnnl_exec_arg_t> args;
    void add(int arg, const memory &m)
    {
        keep.push_back(m);
        args.push_back({arg, m.get()});
    }
};

/// Everything for one batch size and thread count.
struct Plan
{
    int batch = 0;
    memory input[2];           ///< user memory, NCHW and NHWC (handle set per run)
    std::vector<Step> head[2]; ///< input handling per layout (a reorder, or conv1 itself)
    std::vector<Step> steps;
    memory logits;
};

} // namespace

struct NativeNet::Impl
{
    InferenceGraph graph;
    int threads = 1;
    int maxBatch = 32;
    bool built = false;
    dnnl::engine eng{dnnl::engine::kind::cpu, 0};
    dnnl::stream strm{eng};

    // Activations ping-pong between two buffers; the SE and the head use small ones.
    Buffer act[2];
    Buffer small[3];
    Buffer scratch;
    Buffer logitsBuf;
    size_t actBytesPerImage = 0;
    size_t smallBytesPerImage = 0;

    // Packed weights per layer (and per role: 0 conv / 1 seReduce / 2 seExpand), per layout.
    std::map<std::pair<int, int>, std::vector<std::pair<memory::desc, memory>>> packed;
    std::map<std::pair<int, int>, memory> biases;
    std::map<int, Plan> plans;

    memory packedWeights(int layer, int role, const ConvLayer &c, const memory::desc &want,
                         bool asMatrix, int spatialOfInput);
    memory bias(int layer, int role, const ConvLayer &c);
    Plan &plan(int batch);
    void createPlan(Plan &p);
    /// Where createPlan() stands: the tensor the next layer reads and its shape.
    struct Cursor
    {
        memory cur;
        int which = 0; ///< activation buffer holding the current tensor
        int c = 0, h = 0, w = 0;
        bool pooled = false; ///< after the global average pool: [N, C] (or [N, C, 1, 1])
        size_t scratchNeeded = 0;
    };
    memory activation(const memory::desc &d, int buffer);
    void addConvolution(Plan &p, Cursor &at, int layer);
    void addSqueezeExcite(Plan &p, Cursor &at, int layer);
    void bindScratch(Plan &p);
    void addScratch(Step &s, const memory::desc &desc, size_t &scratchNeeded);
    /// Global average pool of the h x w tensor `src` into [N, C, 1, 1] at `dst`.
    memory addGlobalPool(std::vector<Step> &steps, size_t &scratchNeeded, const memory &src, int h,
                         int w, float *dst);
    /// An inner product (with its activation) on a pooled tensor into [N, out] at `dst`: the
    /// SE convs (role 1, 2), last_conv and fc (role 0).
    memory addInnerProduct(std::vector<Step> &steps, size_t &scratchNeeded, int layer, int role,
                           const ConvLayer &cv, const memory &src, float *dst);
    void executeSteps(std::vector<Step> &steps);
};

namespace {

memory::desc plainWeightsDesc(const ConvLayer &c, bool asMatrix, int inH, int inW)
{
    if (asMatrix) {
        if (inH > 0)
            return memory::desc({c.out, c.in, inH, inW}, Dt::f32, Tag::oihw);
        return memory::desc({c.out, c.in}, Dt::f32, Tag::oi);
    }
    if (c.groups > 1)
        return memory::desc({c.groups, c.out / c.groups, c.in / c.groups, c.kernelH, c.kernelW},
                            Dt::f32, Tag::goihw);
    return memory::desc({c.out, c.in, c.kernelH, c.kernelW}, Dt::f32, Tag::oihw);
}

} // namespace

memory NativeNet::Impl::packedWeights(int layer, int role, const ConvLayer &c,
                                      const memory::desc &want, bool asMatrix, int spatial)
{
    auto &list = packed[{layer, role}];
    for (const auto &[desc, mem] : list) {
        if (desc == want)
            return mem;
    }
    memory::desc plainDesc = plainWeightsDesc(c, asMatrix, spatial, spatial);
    if (plainDesc.get_size() != c.weight.size() * sizeof(float))
        throw std::runtime_error("layer " + graph.layers[layer].name + ": weight size " +
                                 std::to_string(c.weight.size()) + " does not match its shape");
    memory plain(plainDesc, eng, const_cast<float *>(c.weight.data()));
    memory mem(want, eng);
    dnnl::reorder(plain, mem).execute(strm, plain, mem);
    strm.wait();
    list.emplace_back(want, mem);
    return mem;
}

memory NativeNet::Impl::bias(int layer, int role, const ConvLayer &c)
{
    auto it = biases.find({layer, role});
    if (it != biases.end())
        return it->second;
    memory::desc desc({c.out}, Dt::f32, Tag::x);
    memory mem(desc, eng);
    std::vector<float> values = c.bias;
    values.resize(c.out, 0.0f);
    std::memcpy(mem.get_data_handle(), values.data(), c.out * sizeof(float));
    biases.emplace(std::make_pair(layer, role), mem);
    return mem;
}

void NativeNet::Impl::executeSteps(std::vector<Step> &steps)
{
    for (Step &s : steps) {
        if (!s.prim) {
            scaleChannelsNhwc(s.seX, s.seGate, s.seBatch, s.sePixels, s.seChannels);
            continue;
        }
        const dnnl_status_t status = dnnl_primitive_execute(
            s.prim.get(), strm.get(), static_cast<int>(s.args.size()), s.args.data());
        if (status != dnnl_success)
            throw dnnl::error(status, "could not execute a primitive");
    }
}

Plan &NativeNet::Impl::plan(int batch)
{
    auto it = plans.find(batch);
    if (it != plans.end())
        return it->second;
    Plan p;
    p.batch = batch;
    createPlan(p);
    return plans.emplace(batch, std::move(p)).first->second;
}

void NativeNet::Impl::addScratch(Step &s, const memory::desc &desc, size_t &scratchNeeded)
{
    // A placeholder handle: bindScratch points it at the shared buffer once its size is known.
    scratchNeeded = std::max(scratchNeeded, desc.get_size());
    s.add(DNNL_ARG_SCRATCHPAD, memory(desc, eng, nullptr));
}

memory NativeNet::Impl::addGlobalPool(std::vector<Step> &steps, size_t &scratchNeeded,
                                      const memory &src, int h, int w, float *dst)
{
    const memory::desc srcDesc = src.get_desc();
    const memory::dim n = srcDesc.dims()[0];
    const memory::dim c = srcDesc.dims()[1];
    dnnl::pooling_forward::primitive_desc pd({dnnl::prop_kind::forward_inference,
                                              dnnl::algorithm::pooling_avg_exclude_padding,
                                              srcDesc,
                                              memory::desc({n, c, 1, 1}, Dt::f32, Tag::any),
                                              {1, 1},
                                              {h, w},
                                              {0, 0},
                                              {0, 0}},
                                             makeAttr(Activation::None), eng);
    Step s;
    s.prim = dnnl::pooling_forward(pd);
    memory out(pd.dst_desc(), eng, dst);
    s.add(DNNL_ARG_SRC, src);
    s.add(DNNL_ARG_DST, out);
    addScratch(s, pd.scratchpad_desc(), scratchNeeded);
    steps.push_back(std::move(s));
    return out;
}

memory NativeNet::Impl::addInnerProduct(std::vector<Step> &steps, size_t &scratchNeeded, int layer,
                                        int role, const ConvLayer &cv, const memory &src,
                                        float *dst)
{
    const memory::desc srcDesc = src.get_desc();
    const memory::dim n = srcDesc.dims()[0];
    const bool fourD = srcDesc.dims().size() == 4; // [N, C, 1, 1] straight from the pooling
    if (srcDesc.dims()[1] != cv.in)
        throw std::runtime_error("layer " + graph.layers[layer].name + " expects " +
                                 std::to_string(cv.in) + " inputs, gets " +
                                 std::to_string(srcDesc.dims()[1]));
    const memory::desc wAny = fourD ? memory::desc({cv.out, cv.in, 1, 1}, Dt::f32, Tag::any)
                                    : memory::desc({cv.out, cv.in}, Dt::f32, Tag::any);
    dnnl::inner_product_forward::primitive_desc pd({dnnl::prop_kind::forward_inference, srcDesc,
                                                    wAny, memory::desc({cv.out}, Dt::f32, Tag::x),
                                                    memory::desc({n, cv.out}, Dt::f32, Tag::nc)},
                                                   makeAttr(cv.activation), eng);
    Step s;
    s.prim = dnnl::inner_product_forward(pd);
    memory out(pd.dst_desc(), eng, dst);
    s.add(DNNL_ARG_SRC, src);
    s.add(DNNL_ARG_WEIGHTS, packedWeights(layer, role, cv, pd.weights_desc(), true, fourD ? 1 : 0));
    s.add(DNNL_ARG_BIAS, bias(layer, role, cv));
    s.add(DNNL_ARG_DST, out);
    addScratch(s, pd.scratchpad_desc(), scratchNeeded);
    steps.push_back(std::move(s));
    return out;
}

memory NativeNet::Impl::activation(const memory::desc &d, int buffer)
{
    if (d.get_size() > act[buffer].bytes)
        throw std::runtime_error("activation buffer too small");
    return memory(d, eng, act[buffer].data);
}

void NativeNet::Impl::addConvolution(Plan &p, Cursor &at, int L)
{
    const InferenceLayer &layer = graph.layers[L];
    const ConvLayer &cv = layer.conv;
    const int n = p.batch;
    if (cv.in != at.c)
        throw std::runtime_error("layer " + layer.name + " expects " + std::to_string(cv.in) +
                                 " channels, gets " + std::to_string(at.c));
    if (at.pooled) {
        // A 1x1 conv on the pooled map: an inner product.
        const int target = (at.which + 1) % 3;
        at.cur = addInnerProduct(p.steps, at.scratchNeeded, L, 0, cv, at.cur, small[target].data);
        at.which = target;
        at.c = cv.out;
        return;
    }
    const int oh = (at.h + 2 * cv.padH - cv.kernelH) / cv.strideH + 1;
    const int ow = (at.w + 2 * cv.padW - cv.kernelW) / cv.strideW + 1;
    memory::desc wAny =
        cv.groups > 1 ? memory::desc({cv.groups, cv.out / cv.groups, cv.in / cv.groups, cv.kernelH,
                                      cv.kernelW},
                                     Dt::f32, Tag::any)
                      : memory::desc({cv.out, cv.in, cv.kernelH, cv.kernelW}, Dt::f32, Tag::any);
    // format_tag::any: on this generation of Xeon oneDNN 2.6 picks NHWC and its brgemm
    // kernels, twice as fast at batch 1 as the nChw16c jit kernels (measured).
    memory::desc dstAny({n, cv.out, oh, ow}, Dt::f32, Tag::any);
    auto makePd = [&](const memory::desc &src) {
        return dnnl::convolution_forward::primitive_desc({dnnl::prop_kind::forward_inference,
                                                          dnnl::algorithm::convolution_direct,
                                                          src,
                                                          wAny,
                                                          memory::desc({cv.out}, Dt::f32, Tag::x),
                                                          dstAny,
                                                          {cv.strideH, cv.strideW},
                                                          {cv.padH, cv.padW},
                                                          {cv.padH, cv.padW}},
                                                         makeAttr(cv.activation), eng);
    };
    const int target = 1 - at.which;
    if (L == 0) {
        // The stem reads the user's memory: directly when oneDNN has a kernel for that layout,
        // else after one reorder into the layout it prefers.
        const memory::dims inDims{n, graph.channels, graph.height, graph.width};
        memory::desc preferredSrc = makePd(memory::desc(inDims, Dt::f32, Tag::any)).src_desc();
        memory::desc dstDesc;
        for (int layout = 0; layout < 2; ++layout) {
            memory user = p.input[layout];
            memory src = user;
            if (user.get_desc() != preferredSrc) {
                Step r;
                src = activation(preferredSrc, 1 - target);
                r.prim = dnnl::reorder(user, src);
                r.add(DNNL_ARG_FROM, user);
                r.add(DNNL_ARG_TO, src);
                p.head[layout].push_back(std::move(r));
            }
            auto pd = makePd(src.get_desc());
            dstDesc = pd.dst_desc();
            Step s;
            s.prim = dnnl::convolution_forward(pd);
            s.add(DNNL_ARG_SRC, src);
            s.add(DNNL_ARG_WEIGHTS, packedWeights(L, 0, cv, pd.weights_desc(), false, 0));
            s.add(DNNL_ARG_BIAS, bias(L, 0, cv));
            s.add(DNNL_ARG_DST, activation(dstDesc, target));
            addScratch(s, pd.scratchpad_desc(), at.scratchNeeded);
            p.head[layout].push_back(std::move(s));
        }
        at.cur = activation(dstDesc, target);
    } else {
        auto pd = makePd(at.cur.get_desc());
        Step s;
        s.prim = dnnl::convolution_forward(pd);
        memory out = activation(pd.dst_desc(), target);
        s.add(DNNL_ARG_SRC, at.cur);
        s.add(DNNL_ARG_WEIGHTS, packedWeights(L, 0, cv, pd.weights_desc(), false, 0));
        s.add(DNNL_ARG_BIAS, bias(L, 0, cv));
        s.add(DNNL_ARG_DST, out);
        addScratch(s, pd.scratchpad_desc(), at.scratchNeeded);
        p.steps.push_back(std::move(s));
        at.cur = out;
    }
    at.which = target;
    at.c = cv.out;
    at.h = oh;
    at.w = ow;
}

void NativeNet::Impl::addSqueezeExcite(Plan &p, Cursor &at, int L)
{
    // GAP -> reduce (ReLU) -> expand (hardsigmoid) -> x * gate, in place.
    const InferenceLayer &layer = graph.layers[L];
    const int n = p.batch;
    const int c = at.c, h = at.h, w = at.w;
    const memory &cur = at.cur;
    const memory::desc xDesc = cur.get_desc();
    const memory pooledMem = addGlobalPool(p.steps, at.scratchNeeded, cur, h, w, small[0].data);
    const memory reduced =
        addInnerProduct(p.steps, at.scratchNeeded, L, 1, layer.seReduce, pooledMem, small[1].data);
    addInnerProduct(p.steps, at.scratchNeeded, L, 2, layer.seExpand, reduced, small[2].data);
    if (xDesc == memory::desc({n, c, h, w}, Dt::f32, Tag::nhwc)) {
        Step mul;
        mul.seX = static_cast<float *>(cur.get_data_handle());
        mul.seGate = small[2].data;
        mul.seBatch = n;
        mul.sePixels = h * w;
        mul.seChannels = c;
        p.steps.push_back(std::move(mul));
        return;
    }
    memory gate(memory::desc({n, c, 1, 1}, Dt::f32, Tag::nchw), eng, small[2].data);
    dnnl::binary::primitive_desc mulPd({dnnl::algorithm::binary_mul, xDesc, gate.get_desc(), xDesc},
                                       makeAttr(Activation::None), eng);
    Step mul;
    mul.prim = dnnl::binary(mulPd);
    mul.add(DNNL_ARG_SRC_0, cur);
    mul.add(DNNL_ARG_SRC_1, gate);
    mul.add(DNNL_ARG_DST, cur);
    addScratch(mul, mulPd.scratchpad_desc(), at.scratchNeeded);
    p.steps.push_back(std::move(mul));
}

void NativeNet::Impl::createPlan(Plan &p)
{
    const int n = p.batch;
    const memory::dims inDims{n, graph.channels, graph.height, graph.width};
    p.input[0] = memory({inDims, Dt::f32, Tag::nchw}, eng, nullptr);
    p.input[1] = memory({inDims, Dt::f32, Tag::nhwc}, eng, nullptr);

    Cursor at;
    at.c = graph.channels;
    at.h = graph.height;
    at.w = graph.width;
    for (size_t li = 0; li < graph.layers.size(); ++li) {
        const InferenceLayer &layer = graph.layers[li];
        const int L = static_cast<int>(li);
        switch (layer.kind) {
        case InferenceLayer::Kind::Conv:
            addConvolution(p, at, L);
            break;
        case InferenceLayer::Kind::SqueezeExcite:
            addSqueezeExcite(p, at, L);
            break;
        case InferenceLayer::Kind::GlobalAvgPool:
            at.cur = addGlobalPool(p.steps, at.scratchNeeded, at.cur, at.h, at.w, small[0].data);
            at.which = 0;
            at.pooled = true;
            at.h = at.w = 1;
            break;
        case InferenceLayer::Kind::FullyConnected: {
            const ConvLayer &cv = layer.conv;
            if (!at.pooled)
                throw std::runtime_error("layer " + layer.name + " comes before the pooling");
            if (cv.in != at.c)
                throw std::runtime_error("layer " + layer.name + " expects " +
                                         std::to_string(cv.in) + " inputs, gets " +
                                         std::to_string(at.c));
            at.cur = addInnerProduct(p.steps, at.scratchNeeded, L, 0, cv, at.cur, logitsBuf.data);
            at.c = cv.out;
            p.logits = at.cur;
            break;
        }
        }
    }
    if (!p.logits || at.c != graph.classes)
        throw std::runtime_error("the graph does not end in a fully connected layer with " +
                                 std::to_string(graph.classes) + " outputs");

    const size_t before = scratch.bytes;
    scratch.reserve(std::max<size_t>(at.scratchNeeded, 64));
    if (scratch.bytes != before) {
        for (auto &[batch, other] : plans)
            bindScratch(other);
    }
    bindScratch(p);
}

void NativeNet::Impl::bindScratch(Plan &p)
{
    // Every scratchpad argument points at the one shared buffer.
    for (std::vector<Step> *steps : {&p.head[0], &p.head[1], &p.steps}) {
        for (Step &s : *steps) {
            for (size_t i = 0; i < s.args.size(); ++i) {
                if (s.args[i].arg == DNNL_ARG_SCRATCHPAD)
                    s.keep[i].set_data_handle(scratch.data);
            }
        }
    }
}

NativeNet::NativeNet()
    : d(std::make_unique<Impl>())
{}

NativeNet::~NativeNet() = default;
NativeNet::NativeNet(NativeNet &&) noexcept = default;
NativeNet &NativeNet::operator=(NativeNet &&) noexcept = default;

bool NativeNet::build(const InferenceGraph &graph, int threads, std::string *error, int maxBatch)
{
    auto fail = [&](const std::string &message) {
        d->built = false;
        d->plans.clear();
        if (error)
            *error = "native predictor for " + graph.model + ": " + message;
        return false;
    };
    if (graph.layers.empty() || graph.classes <= 0 || graph.channels <= 0 || graph.height <= 0 ||
        graph.width <= 0)
        return fail("empty graph");
    d->plans.clear();
    d->packed.clear();
    d->biases.clear();
    d->graph = graph;
    d->threads = std::max(1, threads);
    d->maxBatch = std::max(1, maxBatch);

    // Buffer sizes per image: every tensor with channels rounded up to a whole 16-channel
    // block (the widest blocked layout oneDNN uses for fp32 on AVX-512).
    auto padded = [](int ch) { return static_cast<size_t>((ch + 15) / 16 * 16); };
    size_t actFloats = padded(graph.channels) * graph.height * graph.width;
    size_t smallFloats = 16;
    int h = graph.height, w = graph.width;
    for (const InferenceLayer &layer : graph.layers) {
        if (layer.kind == InferenceLayer::Kind::GlobalAvgPool) {
            h = w = 1;
            continue;
        }
        const ConvLayer &cv = layer.conv;
        if (layer.kind == InferenceLayer::Kind::Conv && h > 1) {
            if (cv.strideH <= 0 || cv.strideW <= 0 || cv.kernelH <= 0 || cv.kernelW <= 0)
                return fail("layer " + layer.name + " has a bad kernel or stride");
            h = (h + 2 * cv.padH - cv.kernelH) / cv.strideH + 1;
            w = (w + 2 * cv.padW - cv.kernelW) / cv.strideW + 1;
            if (h <= 0 || w <= 0)
                return fail("the input is too small for layer " + layer.name);
        }
        actFloats = std::max(actFloats, padded(cv.out) * h * w);
        smallFloats =
            std::max({smallFloats, padded(cv.out), padded(cv.in), padded(layer.seReduce.out)});
    }
    d->actBytesPerImage = actFloats * sizeof(float);
    d->smallBytesPerImage = smallFloats * sizeof(float);
    try {
        const size_t n = d->maxBatch;
        for (Buffer &b : d->act)
            b.reserve(n * d->actBytesPerImage);
        for (Buffer &b : d->small)
            b.reserve(n * d->smallBytesPerImage);
        d->logitsBuf.reserve(n * padded(graph.classes) * sizeof(float));
        ThreadScope scope(d->threads);
        d->plan(1);
    } catch (const dnnl::error &e) {
        return fail(std::string("oneDNN: ") + e.what());
    } catch (const std::exception &e) {
        return fail(e.what());
    }
    d->built = true;
    return true;
}

bool NativeNet::isBuilt() const
{
    return d->built;
}

void NativeNet::setThreads(int threads)
{
    threads = std::max(1, threads);
    if (threads == d->threads)
        return;
    d->threads = threads;
    // oneDNN's jit kernels split their work for the thread count at primitive creation.
    d->plans.clear();
    if (d->built) {
        try {
            ThreadScope scope(d->threads);
            d->plan(1);
        } catch (const std::exception &) {
            d->built = false;
        }
    }
}

int NativeNet::threads() const
{
    return d->threads;
}

const InferenceGraph &NativeNet::graph() const
{
    return d->graph;
}

bool NativeNet::run(const float *input, int batch, InputLayout layout, float *out, bool logits,
                    std::string *error)
{
    if (!d->built) {
        if (error)
            *error = "native predictor: not built";
        return false;
    }
    if (batch <= 0 || !input || !out) {
        if (error)
            *error = "native predictor for " + d->graph.model + ": no input or output";
        return false;
    }
    const InferenceGraph &g = d->graph;
    const size_t imageFloats = static_cast<size_t>(g.channels) * g.height * g.width;
    const int classes = g.classes;
    try {
        ThreadScope scope(d->threads);
        for (int done = 0; done < batch;) {
            const int n = std::min(d->maxBatch, batch - done);
            Plan &p = d->plan(n);
            const int li = layout == InputLayout::Nchw ? 0 : 1;
            p.input[li].set_data_handle(const_cast<float *>(input + done * imageFloats));
            d->executeSteps(p.head[li]);
            d->executeSteps(p.steps);
            d->strm.wait();
            const float *z = d->logitsBuf.data;
            float *o = out + static_cast<size_t>(done) * classes;
            if (logits) {
                std::memcpy(o, z, sizeof(float) * n * classes);
            } else if (g.output == OutputActivation::Sigmoid) {
                for (int i = 0; i < n * classes; ++i)
                    o[i] = 1.0f / (1.0f + std::exp(-z[i]));
            } else {
                for (int b = 0; b < n; ++b) {
                    const float *zb = z + b * classes;
                    float *ob = o + b * classes;
                    const float top = *std::max_element(zb, zb + classes);
                    float sum = 0.0f;
                    for (int k = 0; k < classes; ++k) {
                        ob[k] = std::exp(zb[k] - top);
                        sum += ob[k];
                    }
                    const float inv = 1.0f / sum;
                    for (int k = 0; k < classes; ++k)
                        ob[k] *= inv;
                }
            }
            done += n;
        }
    } catch (const dnnl::error &e) {
        if (error)
            *error = "native predictor for " + g.model + ": oneDNN: " + e.what();
        return false;
    } catch (const std::exception &e) {
        if (error)
            *error = "native predictor for " + g.model + ": " + e.what();
        return false;
    }
    return true;
}

} // namespace pulc::engine
