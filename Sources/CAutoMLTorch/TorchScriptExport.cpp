// TorchScript export: a torch::jit::Module holding the model's tensors, with forward defined as
// TorchScript source that mirrors the C++ functional forward (evaluation mode).
#include "Internal.h"

#include <torch/script.h>

#include <cstdio>

namespace amt {

namespace {

torch::jit::Module module_of(const std::string &name, const Store &store) {
    torch::jit::Module m(name);
    torch::NoGradGuard no_grad;
    for (auto &p : store.params) m.register_parameter(p.first, p.second.detach().clone(), false);
    for (auto &b : store.buffers) m.register_buffer(b.first, b.second.clone());
    return m;
}

std::string conv_bn_relu_script(const ConvBN &l, const std::string &x) {
    char buf[512];
    const std::string n = "self." + l.name;
    std::snprintf(buf, sizeof buf,
                  "torch.relu(torch.batch_norm(torch.conv2d(%s, %s_w, None, [%lld, %lld], [%lld, %lld]), "
                  "%s_g, %s_b, %s_rm, %s_rv, False, 0.0, %.17g, True))",
                  x.c_str(), n.c_str(), (long long)l.stride, (long long)l.stride, (long long)l.padding,
                  (long long)l.padding, n.c_str(), n.c_str(), n.c_str(), n.c_str(), kBNEps);
    return buf;
}

void finish(torch::jit::Module &m, const std::string &source, const std::string &path) {
    m.define(source);
    m.eval();
    m.save(path);
}

}  // namespace

void export_classifier(const Classifier &model, const std::string &path) {
    auto m = module_of("AutoMLClassifier", model.store);
    std::string src;
    if (model.spec.family == AMT_FAMILY_LINEAR_FEATURES) src += features_script() + "\n";
    src += "    def forward(self, x):\n";
    src += prepare_input_script(model.spec.input_size);
    if (model.spec.family == AMT_FAMILY_CNN) {
        for (auto &b : model.blocks) src += "        x = " + conv_bn_relu_script(b, "x") + "\n";
        src += "        x = x.mean([2, 3])\n";
    } else {
        char buf[256];
        std::snprintf(buf, sizeof buf,
                      "        f = torch.batch_norm(self.features(x), self.f_g, self.f_b, self.f_rm, "
                      "self.f_rv, False, 0.0, %.17g, True)\n",
                      kBNEps);
        src += buf;
        src += "        x = torch.relu(torch.linear(f, self.h_w, self.h_b))\n";
    }
    src += "        logits = torch.linear(x, self.fc_w, self.fc_b)\n";
    src += model.spec.multi_label ? "        return torch.sigmoid(logits)\n"
                                  : "        return torch.softmax(logits, 1)\n";
    // define() wants methods at the top level: strip the class-body indentation of four spaces.
    std::string dedented;
    size_t pos = 0;
    while (pos < src.size()) {
        size_t end = src.find('\n', pos);
        if (end == std::string::npos) end = src.size();
        std::string line = src.substr(pos, end - pos);
        if (line.rfind("    ", 0) == 0) line = line.substr(4);
        dedented += line + "\n";
        pos = end + 1;
    }
    finish(m, dedented, path);
}

void export_detector(const Detector &model, const std::string &path) {
    auto m = module_of("AutoMLDetector", model.store);
    const std::string c = std::to_string(model.spec.num_labels);
    std::string src = "def forward(self, x):\n";
    std::string prep = prepare_input_script(model.spec.input_size);
    // prepare_input_script is written for a method body at 8 spaces; re-indent to 4.
    std::string body;
    size_t pos = 0;
    while (pos < prep.size()) {
        size_t end = prep.find('\n', pos);
        if (end == std::string::npos) end = prep.size();
        std::string line = prep.substr(pos, end - pos);
        if (line.rfind("    ", 0) == 0) line = line.substr(4);
        body += line + "\n";
        pos = end + 1;
    }
    src += body;
    src += "    s2 = " + conv_bn_relu_script(model.down[0], "x") + "\n";
    src += "    s4 = " + conv_bn_relu_script(model.down[1], "s2") + "\n";
    src += "    s8 = " + conv_bn_relu_script(model.down[2], "s4") + "\n";
    src += "    s16 = " + conv_bn_relu_script(model.down[3], "s8") + "\n";
    src += "    t = torch.upsample_nearest2d(" + conv_bn_relu_script(model.up8, "s16") +
           ", [s8.size(2), s8.size(3)]) + s8\n";
    src += "    t = torch.upsample_nearest2d(" + conv_bn_relu_script(model.up4, "t") +
           ", [s4.size(2), s4.size(3)]) + s4\n";
    src += "    t = " + conv_bn_relu_script(model.head, "t") + "\n";
    src += "    out = torch.conv2d(t, self.out_w, self.out_b)\n";
    src += "    return (out.narrow(1, 0, " + c + "), out.narrow(1, " + c + ", 2), out.narrow(1, " + c +
           " + 2, 2))\n";
    finish(m, src, path);
}

}  // namespace amt
