// The one list of quantscope-cli subcommands. A new command: one file, one line here.
#include "app/cli/cli.h"

namespace qs::cli {

int cmdFormats(const QStringList& args);  // cmd_formats.cpp
int cmdInfo(const QStringList& args);     // cmd_info.cpp
int cmdBench(const QStringList& args);    // cmd_bench.cpp
int cmdQuantize(const QStringList& args);  // cmd_quantize.cpp
int cmdMakeDemo(const QStringList& args);  // cmd_make_demo.cpp
int cmdCompare(const QStringList& args);   // cmd_compare.cpp
int cmdPlanForSize(const QStringList& args);  // cmd_plan_for_size.cpp
int cmdTokenize(const QStringList& args);     // cmd_tokenize.cpp
int cmdImatrix(const QStringList& args);      // cmd_imatrix.cpp
int cmdBenchModel(const QStringList& args);   // cmd_bench_model.cpp

const std::vector<Command>& commands()
{
    static const std::vector<Command> list{
        {"formats", "List the quantization formats and their storage cost", cmdFormats},
        {"info", "Show a model's format, architecture, parameters and tensors", cmdInfo},
        {"bench", "Quantize/dequantize throughput per format", cmdBench},
        {"bench-model", "Decode and prompt tokens/s of a model in its dtype and at each type", cmdBenchModel},
        {"quantize", "Quantize a whole model and export it as GGUF or fake-quant safetensors", cmdQuantize},
        {"compare", "Model-wide quantization error of several types side by side", cmdCompare},
        {"make-demo", "Write a synthetic llama-shaped model with realistic weight statistics", cmdMakeDemo},
        {"plan-for-size", "Mixed precision per tensor for a size target, least KL", cmdPlanForSize},
        {"imatrix", "Importance matrix of a calibration stream, written as llama.cpp's GGUF imatrix", cmdImatrix},
        {"tokenize", "Token ids of a text file under the model's own tokenizer", cmdTokenize},
    };
    return list;
}

}  // namespace qs::cli
