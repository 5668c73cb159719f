<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>User interface language: en, de, zh_CN or hi.</source>
            <translation>用户界面语言:en、de、zh_CN 或 hi。</translation>
        </message>
        <message>
            <source>Explore what quantization does to a model's weights.</source>
            <translation>探索量化对模型权重的影响。</translation>
        </message>
        <message>
            <source>GGUF file, .safetensors file or folder, or llama2.c checkpoint to open.</source>
            <translation>要打开的 GGUF 文件、.safetensors 文件或文件夹,或 llama2.c 检查点。</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::BlockInspector</name>
        <message>
            <source>&amp;Error feedback</source>
            <translation>误差反馈(&amp;E)</translation>
        </message>
        <message>
            <source>Show the codes error-feedback rounding stores for this row (GPTQ-style, with the input moments of the last Run's calibration stream) instead of the format's own rounding.</source>
            <translation>显示误差反馈舍入为这一行存储的代码（类似 GPTQ，使用上次运行的校准词元流的输入矩），而不是格式自身的舍入。</translation>
        </message>
        <message>
            <source>Run with Analysis ▸ Use Error-Feedback Rounding and Evaluate Model Accuracy first: error feedback needs the input moments of a calibration stream (block formats only).</source>
            <translation>请先在开启“分析 ▸ 使用误差反馈舍入”和“评估模型精度”的情况下运行：误差反馈需要校准词元流的输入矩（仅限块格式）。</translation>
        </message>
        <message>
            <source>Codes by error-feedback rounding: each weight's rounding error is passed on to the row's later weights through the calibration's input moments, so a weight may not sit on its nearest level; the layer's output moves less.</source>
            <translation>误差反馈舍入的代码：每个权重的舍入误差通过校准的输入矩传递给该行后面的权重，因此权重不一定落在最近的级别上；该层的输出变化更小。</translation>
        </message>
        <message>
            <source>&amp;Tensor:</source>
            <translation>张量(&amp;T):</translation>
        </message>
        <message>
            <source>&amp;Precision:</source>
            <translation>精度(&amp;P):</translation>
        </message>
        <message>
            <source>&amp;Row:</source>
            <translation>行(&amp;R):</translation>
        </message>
        <message>
            <source>&amp;Block:</source>
            <translation>块(&amp;B):</translation>
        </message>
        <message>
            <source>Add an &amp;outlier (×10)</source>
            <translation>添加离群值(&amp;O) (×10)</translation>
        </message>
        <message>
            <source>Multiplies the selected weight by 10: one large weight stretches its block's scale, and every other weight of the block loses resolution.</source>
            <translation>将选中的权重乘以 10:一个很大的权重会拉伸其所在块的缩放因子,块中其他所有权重的分辨率都会下降。</translation>
        </message>
        <message>
            <source>The format the block is stored in. Switch it to watch the grid coarsen under the same weights.</source>
            <translation>存储该块所用的格式。切换格式,可以看到同样的权重下网格如何变粗。</translation>
        </message>
        <message>
            <source>RMSE per block: every block shown is stored exactly (error 0)</source>
            <translation>每个块的 RMSE：所示的每个块都被精确存储（误差为 0）</translation>
        </message>
        <message>
            <source>RMSE per block (click a block)</source>
            <translation>每块的 RMSE(点击一个块)</translation>
        </message>
        <message>
            <source>RMSE per block: computing…</source>
            <translation>每块的 RMSE：正在计算…</translation>
        </message>
        <message>
            <source>block</source>
            <translation>块</translation>
        </message>
        <message>
            <source>row</source>
            <translation>行</translation>
        </message>
        <message>
            <source>weight in block</source>
            <translation>块内权重</translation>
        </message>
        <message>
            <source>value</source>
            <translation>数值</translation>
        </message>
        <message>
            <source>error</source>
            <translation>误差</translation>
        </message>
        <message>
            <source>#</source>
            <translation>序号</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>权重</translation>
        </message>
        <message>
            <source>code</source>
            <translation>编码</translation>
        </message>
        <message>
            <source>level x̂</source>
            <translation>量化值 x̂</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>正在读取 %1…</translation>
        </message>
        <message>
            <source>Computing the error-feedback rounding of row %1…</source>
            <translation>正在计算第 %1 行的误差反馈舍入…</translation>
        </message>
        <message>
            <source>Open a model to inspect its blocks.</source>
            <translation>打开一个模型以检查它的块。</translation>
        </message>
        <message>
            <source>%1 cannot store rows of %2 weights.</source>
            <translation>%1 无法存储长度为 %2 个权重的行。</translation>
        </message>
        <message>
            <source>grid levels (%1 in view of %2)</source>
            <translation>网格级别(显示 %1 / 共 %2)</translation>
        </message>
        <message>
            <source>original weight</source>
            <translation>原始权重</translation>
        </message>
        <message>
            <source>outlier ×10</source>
            <translation>离群值 ×10</translation>
        </message>
        <message>
            <source>Block %1 of row %2: weights %3–%4.</source>
            <translation>第 %2 行的第 %1 块:权重 %3–%4。</translation>
        </message>
        <message>
            <source>Reconstruction: %1</source>
            <translation>重建:%1</translation>
        </message>
        <message>
            <source>Stored scale: %1</source>
            <translation>存储的缩放因子:%1</translation>
        </message>
        <message>
            <source>Super-block %1 (256 weights): d = %2</source>
            <translation>超级块 %1(256 个权重):d = %2</translation>
        </message>
        <message>
            <source>, dmin = %1</source>
            <translation>,dmin = %1</translation>
        </message>
        <message>
            <source>Its %1 sub-block scales (%2-bit integers; this sub-block underlined): %3</source>
            <translation>它的 %1 个子块缩放因子(%2 位整数;当前子块带下划线):%3</translation>
        </message>
        <message>
            <source>Its %1 sub-block scales/mins (%2-bit integers; this sub-block underlined): %3</source>
            <translation>它的 %1 个子块缩放因子/最小值(%2 位整数;当前子块带下划线):%3</translation>
        </message>
        <message>
            <source>Codebook: each group of %1 weights is one of the grid's %2 points (its index stored, not the weights' levels one by one), times the sub-block scale %3, with a sign per weight:</source>
            <translation>码本:每组 %1 个权重是网格 %2 个点之一(存储的是点的索引,而不是逐个权重的级别),乘以子块缩放 %3,每个权重一个符号:</translation>
        </message>
        <message>
            <source>Weights %1–%2: point %3 = (%4), signs %5</source>
            <translation>权重 %1–%2:点 %3 = (%4),符号 %5</translation>
        </message>
        <message>
            <source>Signs in italics are not stored: every 8 weights have an even number of minus signs, so 7 bits hold the 8 signs.</source>
            <translation>斜体符号不存储:每 8 个权重的负号个数为偶数,因此 7 位即可表示 8 个符号。</translation>
        </message>
        <message>
            <source>Codebook: each group of %1 weights is one of the grid's %2 points of values −1, 0 and 1 (its index stored), shifted by ±1/8, times the sub-block scale %3:</source>
            <translation>码本:每组 %1 个权重是网格 %2 个取值为 −1、0、1 的点之一(存储的是点的索引),平移 ±1/8,再乘以子块缩放 %3:</translation>
        </message>
        <message>
            <source>Weights %1–%2: point %3 = (%4), shifted by %5</source>
            <translation>权重 %1–%2:点 %3 = (%4),平移 %5</translation>
        </message>
        <message>
            <source>Zero point: %1</source>
            <translation>零点:%1</translation>
        </message>
        <message>
            <source>Weight %1: %2</source>
            <translation>权重 %1:%2</translation>
        </message>
        <message>
            <source>Block RMSE %1, largest |error| %2.</source>
            <translation>块 RMSE %1,最大 |误差| %2。</translation>
        </message>
        <message>
            <source>With the outlier the scale is %1: the other weights share fewer levels.</source>
            <translation>加入离群值后缩放因子为 %1:其他权重可用的级别更少了。</translation>
        </message>
        <message>
            <source>reconstruction (the level it rounds to)</source>
            <translation>重建值(舍入到的级别)</translation>
        </message>
        <message numerus="yes">
            <source>Its blocks hold %n weight(s), and %1 is not a multiple of that.</source>
            <translation>
                <numerusform>它的每个块包含 %n 个权重，而 %1 不是它的整数倍。</numerusform>
            </translation>
        </message>
        <message>
            <source>The scale is negative: as in llama.cpp, it is the block's weight of largest magnitude divided by the code at one end of the range, and that weight is negative here. Codes and scale change sign together, so d·q gives the same values.</source>
            <translation>缩放因子为负：与 llama.cpp 一样，它等于块中绝对值最大的权重除以范围一端的代码，而这里该权重为负。代码和缩放因子同时变号，因此 d·q 得到的值不变。</translation>
        </message>
        <message>
            <source>Codes %1 … %2: %3 of %4 levels used by this block.</source>
            <translation>代码 %1 … %2：此块使用了 %4 个级别中的 %3 个。</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::ExportDialog</name>
        <message>
            <source>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them). The bytes are ordinary llama.cpp blocks. Takes several times as long as a plain export.</source>
            <translation>对每个权重矩阵舍入，使其在校准流（%1）上的输出变化最小（GPTQ 式；与精度表中“+ 误差反馈”行的权重相同，即 quantscope-cli quantize --error-feedback 写出的权重）。字节是普通的 llama.cpp 块。耗时是普通导出的数倍。</translation>
        </message>
        <message>
            <source>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them), stored as their values (fake-quant). Takes several times as long as a plain export.</source>
            <translation>对每个权重矩阵舍入，使其在校准流（%1）上的输出变化最小（GPTQ 式；与精度表中“+ 误差反馈”行的权重相同，即 quantscope-cli quantize --error-feedback 写出的权重），以其数值存储（伪量化）。耗时是普通导出的数倍。</translation>
        </message>
        <message>
            <source>Needs a llama-shaped model: error feedback runs the model on its calibration stream</source>
            <translation>需要 llama 结构的模型：误差反馈要在校准流上运行模型</translation>
        </message>
        <message>
            <source>Error-feedback rounding</source>
            <translation>误差反馈舍入</translation>
        </message>
        <message>
            <source>Export Quantized Model</source>
            <translation>导出量化模型</translation>
        </message>
        <message>
            <source>Current plan (model browser)</source>
            <translation>当前方案(模型浏览器)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>精度:</translation>
        </message>
        <message>
            <source>GGUF (llama.cpp)</source>
            <translation>GGUF(llama.cpp)</translation>
        </message>
        <message>
            <source>Fake-quant safetensors</source>
            <translation>伪量化 safetensors</translation>
        </message>
        <message>
            <source>Real quantized tensors that llama.cpp loads</source>
            <translation>llama.cpp 可加载的真实量化张量</translation>
        </message>
        <message>
            <source>Dequantized values in the source dtype (how the INT/NF4 family exports)</source>
            <translation>以源数据类型存储的反量化值(INT/NF4 系列的导出方式)</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>格式:</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>浏览…</translation>
        </message>
        <message>
            <source>File:</source>
            <translation>文件:</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>导出</translation>
        </message>
        <message>
            <source>Export To</source>
            <translation>导出到</translation>
        </message>
        <message>
            <source>GGUF (*.gguf)</source>
            <translation>GGUF (*.gguf)</translation>
        </message>
        <message>
            <source>Safetensors (*.safetensors)</source>
            <translation>Safetensors (*.safetensors)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::Language</name>
        <message>
            <source>&amp;Language</source>
            <translation>语言(&amp;L)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::MainWindow</name>
        <message>
            <source>%1 tokens sampled with seed %2</source>
            <translation>以种子 %2 采样的 %1 个词元</translation>
        </message>
        <message>
            <source>the token file %1</source>
            <translation>词元文件 %1</translation>
        </message>
        <message>
            <source>the text file %1</source>
            <translation>文本文件 %1</translation>
        </message>
        <message>
            <source>QuantScope</source>
            <translation>QuantScope</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>模型</translation>
        </message>
        <message>
            <source>Could not open the model</source>
            <translation>无法打开模型</translation>
        </message>
        <message>
            <source>Cannot open model</source>
            <translation>无法打开模型</translation>
        </message>
        <message>
            <source>Weights: whole model (%1)</source>
            <translation>权重:整个模型(%1)</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>打开(&amp;O)…</translation>
        </message>
        <message>
            <source>Open a GGUF file, a .safetensors file or a llama2.c checkpoint</source>
            <translation>打开 GGUF 文件、.safetensors 文件或 llama2.c 检查点</translation>
        </message>
        <message>
            <source>Open Model</source>
            <translation>打开模型</translation>
        </message>
        <message>
            <source>Models (*.gguf *.safetensors *.bin *.json);;All files (*)</source>
            <translation>模型 (*.gguf *.safetensors *.bin *.json);;所有文件 (*)</translation>
        </message>
        <message>
            <source>&amp;Export Quantized Model…</source>
            <translation>导出量化模型(&amp;E)…</translation>
        </message>
        <message>
            <source>Write the model at a precision or the current plan as GGUF or fake-quant safetensors</source>
            <translation>按某一精度或当前方案,将模型写为 GGUF 或伪量化 safetensors</translation>
        </message>
        <message>
            <source>Open &amp;Demo Model</source>
            <translation>打开演示模型(&amp;D)</translation>
        </message>
        <message>
            <source>Export &amp;Table…</source>
            <translation>导出表格(&amp;T)…</translation>
        </message>
        <message>
            <source>Export Table</source>
            <translation>导出表格</translation>
        </message>
        <message>
            <source>CSV (*.csv);;Markdown (*.md)</source>
            <translation>CSV (*.csv);;Markdown (*.md)</translation>
        </message>
        <message>
            <source>Export &amp;Plot…</source>
            <translation>导出图表(&amp;P)…</translation>
        </message>
        <message>
            <source>Export Plot</source>
            <translation>导出图表</translation>
        </message>
        <message>
            <source>PNG image (*.png);;PDF document (*.pdf)</source>
            <translation>PNG 图像 (*.png);;PDF 文档 (*.pdf)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>退出(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Copy Table Rows</source>
            <translation>复制表格行(&amp;C)</translation>
        </message>
        <message>
            <source>Log &amp;Scale</source>
            <translation>对数刻度(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Theme Follows the System</source>
            <translation>主题跟随系统(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;About QuantScope</source>
            <translation>关于 QuantScope(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>文件(&amp;F)</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>最近打开(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>编辑(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Analysis</source>
            <translation>分析(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>视图(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>帮助(&amp;H)</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>关于 &amp;Qt</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>就绪</translation>
        </message>
        <message>
            <source>&amp;Clear</source>
            <translation>清除(&amp;C)</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>正在打开 %1…</translation>
        </message>
        <message>
            <source>Building the synthetic demo model…</source>
            <translation>正在构建合成演示模型…</translation>
        </message>
        <message>
            <source>Cannot build the demo model</source>
            <translation>无法构建演示模型</translation>
        </message>
        <message>
            <source>Press Run to compare the checked precisions over the whole model</source>
            <translation>按“运行”以在整个模型上比较勾选的精度</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>正在计算…</translation>
        </message>
        <message>
            <source>%1 — QuantScope</source>
            <translation>%1 — QuantScope</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n tensor(s)</source>
            <translation>
                <numerusform>%1:%n 个张量</numerusform>
            </translation>
        </message>
        <message>
            <source>Computing the whole model's histogram…</source>
            <translation>正在计算整个模型的直方图…</translation>
        </message>
        <message>
            <source>Computing %1…</source>
            <translation>正在计算 %1…</translation>
        </message>
        <message>
            <source>Nothing to run</source>
            <translation>没有可运行的内容</translation>
        </message>
        <message>
            <source>Open a model first.</source>
            <translation>请先打开一个模型。</translation>
        </message>
        <message>
            <source>Check at least one precision to run.</source>
            <translation>请至少勾选一种精度再运行。</translation>
        </message>
        <message>
            <source>Running %1 over %2…</source>
            <translation>正在对 %2 运行 %1…</translation>
        </message>
        <message>
            <source>Cancelling the export…</source>
            <translation>正在取消导出…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <source>Run cancelled</source>
            <translation>运行已取消</translation>
        </message>
        <message>
            <source>Run failed</source>
            <translation>运行失败</translation>
        </message>
        <message numerus="yes">
            <source>Compared %n precision(s) in %1 s</source>
            <translation>
                <numerusform>已在 %1 秒内比较 %n 种精度</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>无法导出</translation>
        </message>
        <message>
            <source>Exporting %1…</source>
            <translation>正在导出 %1…</translation>
        </message>
        <message>
            <source>Export cancelled</source>
            <translation>导出已取消</translation>
        </message>
        <message>
            <source>Export cancelled; nothing was written</source>
            <translation>导出已取消;没有写入任何内容</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>导出失败</translation>
        </message>
        <message>
            <source>Wrote %1 (%2) in %3 s</source>
            <translation>已写入 %1(%2),用时 %3 秒</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1:%2</translation>
        </message>
        <message>
            <source>Table written to %1</source>
            <translation>表格已写入 %1</translation>
        </message>
        <message>
            <source>%1: cannot write the plot</source>
            <translation>%1:无法写入图表</translation>
        </message>
        <message>
            <source>Plot written to %1</source>
            <translation>图表已写入 %1</translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s)</source>
            <translation>
                <numerusform>已复制 %n 行</numerusform>
            </translation>
        </message>
        <message>
            <source>About QuantScope</source>
            <translation>关于 QuantScope</translation>
        </message>
        <message numerus="yes">
            <source>accuracy on %n position(s), reference perplexity %1</source>
            <translation>
                <numerusform>在 %n 个位置上评估准确度，参考困惑度 %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Plan for size: %1 tensors planned, %2 (%3 bits/weight), KL %4</source>
            <translation>按大小规划：已规划 %1 个张量，%2（%3 位/权重），KL %4</translation>
        </message>
        <message>
            <source>Open &amp;Built-in Model</source>
            <translation>打开内置模型(&amp;B)</translation>
        </message>
        <message>
            <source>Cannot open the built-in model</source>
            <translation>无法打开内置模型</translation>
        </message>
        <message>
            <source>Open a model to compare precisions.</source>
            <translation>打开一个模型以比较各种精度。</translation>
        </message>
        <message>
            <source>Whole model: press Run (F5) to quantize every tensor at the checked precisions; one row per precision.</source>
            <translation>整个模型：按“运行”(F5)，以勾选的精度量化每个张量；每种精度一行。</translation>
        </message>
        <message>
            <source>Whole model: each row quantizes every eligible tensor at one precision (hover a row for its formats and fallbacks).</source>
            <translation>整个模型：每一行以一种精度量化所有可量化的张量（将鼠标悬停在行上可查看其格式和回退）。</translation>
        </message>
        <message>
            <source>Turn on Analysis &gt; Evaluate Model Accuracy for KL and perplexity.</source>
            <translation>打开“分析 &gt; 评估模型准确度”可得到 KL 和困惑度。</translation>
        </message>
        <message>
            <source>This synthetic demo has random-like weights: its perplexity (in the thousands) and Δ perplexity mean little; the built-in stories260K model (File &gt; Open Built-in Model) is a real one.</source>
            <translation>此合成演示模型的权重近似随机：其困惑度（数千）和 Δ 困惑度意义不大；内置的 stories260K 模型（文件 &gt; 打开内置模型）才是真实模型。</translation>
        </message>
        <message>
            <source>&lt;h3&gt;QuantScope %1&lt;/h3&gt;&lt;p&gt;See what quantization does to a language model's weights.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;br&gt;QCustomPlot %4&lt;br&gt;Eigen %5&lt;/p&gt;&lt;p&gt;Built-in model: stories260K by Andrej Karpathy (llama2.c, MIT licence).&lt;/p&gt;</source>
            <translation>&lt;h3&gt;QuantScope %1&lt;/h3&gt;&lt;p&gt;查看量化对语言模型权重的影响。&lt;/p&gt;&lt;p&gt;Qt %2（构建时使用 %3）&lt;br&gt;QCustomPlot %4&lt;br&gt;Eigen %5&lt;/p&gt;&lt;p&gt;内置模型：Andrej Karpathy 的 stories260K（llama2.c，MIT 许可证）。&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Plan %1 bpw + error feedback</source>
            <translation>规划 %1 位/权重 + 误差反馈</translation>
        </message>
        <message>
            <source>Plan %1 bpw + imatrix</source>
            <translation>规划 %1 位/权重 + imatrix</translation>
        </message>
        <message>
            <source>Plan %1 bpw</source>
            <translation>规划 %1 位/权重</translation>
        </message>
        <message>
            <source>stories260K: a real 260K-parameter llama trained on TinyStories (MIT), built into QuantScope</source>
            <translation>stories260K：在 TinyStories 上训练的真实 260K 参数 llama 模型（MIT），内置于 QuantScope</translation>
        </message>
        <message>
            <source>A synthetic llama-shaped model built in memory (12 M parameters) with random-like weights: shapes and sizes are real, its perplexity is meaningless</source>
            <translation>在内存中构建的合成 llama 结构模型（1200 万参数），权重近似随机：形状和大小是真实的，其困惑度没有意义</translation>
        </message>
        <message>
            <source>Turn on Analysis &gt; Measure Speed for tokens/s.</source>
            <translation>打开“分析 &gt; 测量速度”可得到词元/秒。</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::EvaluationController</name>
        <message>
            <source>How many tokens the sampled calibration stream of the importance matrix and error feedback has (quantscope-cli --calib-sample; default %1). More take proportionally longer; on a small model they lower error feedback's KL (stories260K at Q4_0: 0.51× plain with 1024, 0.49× with 8192).</source>
            <translation>重要性矩阵和误差反馈的采样校准流包含多少词元（quantscope-cli --calib-sample；默认 %1）。更多词元耗时成比例增加；在小模型上可降低误差反馈的 KL（stories260K 在 Q4_0：1024 个时为普通的 0.51×，8192 个时为 0.49×）。</translation>
        </message>
        <message>
            <source>Calibration T&amp;okens (%1)…</source>
            <translation>校准词元 (%1)(&amp;O)…</translation>
        </message>
        <message>
            <source>Tokens sampled for the importance matrix and error feedback:</source>
            <translation>为重要性矩阵和误差反馈采样的词元数：</translation>
        </message>
        <message>
            <source>Calibration Tokens</source>
            <translation>校准词元</translation>
        </message>
        <message>
            <source>Evaluate on Text File</source>
            <translation>在文本文件上评估</translation>
        </message>
        <message>
            <source>Text files (*.txt);;All files (*)</source>
            <translation>文本文件 (*.txt);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>准确度</translation>
        </message>
        <message>
            <source>Evaluate Model &amp;Accuracy</source>
            <translation>评估模型准确度(&amp;A)</translation>
        </message>
        <message>
            <source>Evaluate accuracy</source>
            <translation>评估准确度</translation>
        </message>
        <message>
            <source>Run also runs the model: on %1 tokens sampled from the original model (seed %2, as quantscope-cli compare --eval does), each precision's mean and p99 KL divergence of the next-token distribution, top-1 agreement and perplexity. A few seconds on the 12 M demo model. Needs a llama-shaped model.</source>
            <translation>“运行”时也会运行模型：在从原始模型采样的 %1 个词元上（种子 %2，与 quantscope-cli compare --eval 相同），计算每种精度下一词元分布的平均 KL 散度及其 p99、top-1 一致率和困惑度。在 12 M 演示模型上需要几秒钟。需要 Llama 结构的模型。</translation>
        </message>
        <message>
            <source>Run also runs the model: on the text file %1, tokenized with the model's own tokenizer and scored in windows as llama-perplexity does (quantscope-cli compare --eval --text), each precision's mean and p99 KL divergence, top-1 agreement and perplexity. Needs a llama-shaped model with a real tokenizer.</source>
            <translation>“运行”时也会运行模型：在文本文件 %1 上，用模型自带的分词器切分词元，并像 llama-perplexity 那样按窗口评分（quantscope-cli compare --eval --text），计算每种精度的平均 KL 散度及其 p99、top-1 一致率和困惑度。需要带有真实分词器的 Llama 结构模型。</translation>
        </message>
        <message>
            <source>Evaluate on &amp;Text File…</source>
            <translation>在文本文件上评估(&amp;T)…</translation>
        </message>
        <message>
            <source>Calibrate on Text File</source>
            <translation>在文本文件上校准</translation>
        </message>
        <message>
            <source>Calibrate on Te&amp;xt File…</source>
            <translation>在文本文件上校准(&amp;X)…</translation>
        </message>
        <message>
            <source>Calibrate the importance matrix and error feedback on a text file of yours instead of sampled tokens (tokenized with the model's own tokenizer; another file than the evaluation text). Uncheck to calibrate on sampled tokens again.</source>
            <translation>用你自己的文本文件代替采样的词元来校准重要性矩阵和误差反馈(用模型自带的分词器切分;须与评估文本不是同一个文件)。取消勾选即恢复在采样词元上校准。</translation>
        </message>
        <message>
            <source>Calibrating on the text file %1. Uncheck to calibrate on sampled tokens again.</source>
            <translation>正在文本文件 %1 上校准。取消勾选即恢复在采样词元上校准。</translation>
        </message>
        <message>
            <source>Also quantize every precision with an importance matrix (mean squared activations over the text file %1) and show it as a second row “&lt;type&gt; + imatrix”</source>
            <translation>同时用重要性矩阵(文本文件 %1 上激活值平方的均值)量化每种精度,并作为第二行“&lt;类型&gt; + imatrix”显示</translation>
        </message>
        <message>
            <source>Calibrated on the text file %1 instead.</source>
            <translation>改为在文本文件 %1 上校准。</translation>
        </message>
        <message>
            <source>Evaluate on a text file of yours instead of sampled tokens: tokenized with the model's own tokenizer, windows of the context length, the second half of each scored (as llama-perplexity). Uncheck to evaluate on sampled tokens again.</source>
            <translation>用你自己的文本文件代替采样的词元进行评估：用模型自带的分词器切分，窗口长度为上下文长度，每个窗口只对后半部分评分（与 llama-perplexity 相同）。取消勾选即恢复为在采样词元上评估。</translation>
        </message>
        <message>
            <source>Use &amp;Importance Matrix</source>
            <translation>使用重要性矩阵(&amp;I)</translation>
        </message>
        <message>
            <source>+ imatrix</source>
            <translation>+ imatrix</translation>
        </message>
        <message>
            <source>Also quantize every precision with an importance matrix (mean squared activations over %1 tokens sampled with seed %2, a different stream from the evaluation one) and show it as a second row “&lt;type&gt; + imatrix”</source>
            <translation>另外用重要性矩阵量化每种精度（以种子 %2 采样的 %1 个词元上的平均平方激活，与评估所用的不是同一词元流），并显示为第二行“&lt;类型&gt; + imatrix”</translation>
        </message>
        <message>
            <source>Use Error-&amp;Feedback Rounding</source>
            <translation>使用误差反馈舍入(&amp;F)</translation>
        </message>
        <message>
            <source>+ error feedback</source>
            <translation>+ 误差反馈</translation>
        </message>
        <message>
            <source>Also quantize every precision with error-feedback rounding (GPTQ-style: each weight matrix is rounded so that its output on %1 tokens sampled with seed %2, a different stream from the evaluation one, changes least; the bytes are ordinary llama.cpp blocks, as quantscope-cli quantize --error-feedback writes them) and show it as a row “&lt;type&gt; + error feedback”. Collecting each matrix's input moments takes memory growing with the square of its width: meant for small models.</source>
            <translation>另外用误差反馈舍入量化每种精度（类似 GPTQ：每个权重矩阵的舍入使其在 %1 个以种子 %2 采样的词元（与评估不同的词元流）上的输出变化最小；字节是普通的 llama.cpp 块，与 quantscope-cli quantize --error-feedback 写出的相同），并显示为“&lt;类型&gt; + 误差反馈”一行。收集每个矩阵的输入矩所需内存随其宽度的平方增长：适用于小模型。</translation>
        </message>
        <message>
            <source>Measure S&amp;peed</source>
            <translation>测量速度(&amp;P)</translation>
        </message>
        <message>
            <source>Measure speed</source>
            <translation>测量速度</translation>
        </message>
        <message numerus="yes">
            <source>Run also measures how fast the model runs on its quantized weights, as quantscope-cli bench-model does: decode tokens/s (128 tokens one at a time after a 16-token prompt, llama-bench's tg128) and prompt tokens/s (one 512-token batch, pp512; both at most the context length) with %n thread(s), for the opened model as stored (a source row) and for each precision; “speed ×” is the decode speed over the source's. Needs a llama-shaped model.</source>
            <translation>
                <numerusform>“运行”还会测量模型在其量化权重上的运行速度，与 quantscope-cli bench-model 相同：解码词元/秒（在 16 个词元的提示之后逐个生成 128 个词元，即 llama-bench 的 tg128）和提示词元/秒（一批 512 个词元，pp512；两者都不超过上下文长度），使用 %n 个线程，对按原样存储的已打开模型（一行源）和每种精度分别测量；“速度 ×”是解码速度与源之比。需要 Llama 结构的模型。</numerusform>
            </translation>
        </message>
        <message>
            <source>T&amp;hreads</source>
            <translation>线程(&amp;H)</translation>
        </message>
        <message>
            <source>How many threads QuantScope computes with (quantizing, evaluating, measuring speed); like quantscope-cli --threads. Applies to work started afterwards.</source>
            <translation>QuantScope 计算（量化、评估、测速）所用的线程数；同 quantscope-cli --threads。对之后开始的工作生效。</translation>
        </message>
        <message numerus="yes">
            <source>&amp;All Cores (%n)</source>
            <translation>
                <numerusform>全部核心 (%n)(&amp;A)</numerusform>
            </translation>
        </message>
        <message>
            <source>Acti&amp;vations</source>
            <translation>激活值(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;llama.cpp: Quantized Activations</source>
            <translation>llama.cpp：量化激活值(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Float Activations (Weights Only)</source>
            <translation>浮点激活值（仅权重）(&amp;F)</translation>
        </message>
        <message>
            <source>Activations:</source>
            <translation>激活值：</translation>
        </message>
        <message>
            <source>float</source>
            <translation>浮点</translation>
        </message>
        <message>
            <source>How activations meet the weights when the model runs (accuracy, speed, sensitivity, plan for size). llama.cpp (default): each activation row is quantized to the format's vec-dot type (Q8_0, Q8_1 or Q8_K) as llama.cpp does, so the KL is the one llama.cpp gives for the exported file. float: activations stay float, the KL of the weights' rounding alone. Changing it clears the results measured with the other mode and redoes the last Run.</source>
            <translation>模型运行时激活值如何与权重相乘（准确度、速度、敏感度、按大小规划）。llama.cpp（默认）：每行激活值都像 llama.cpp 那样量化为该格式的 vec-dot 类型（Q8_0、Q8_1 或 Q8_K），因此 KL 就是 llama.cpp 对导出文件给出的值。浮点：激活值保持浮点，KL 仅来自权重的舍入。切换后会清除用另一种模式测得的结果，并重新执行上一次运行。</translation>
        </message>
        <message>
            <source>Not a llama-shaped model: its accuracy cannot be measured</source>
            <translation>不是 Llama 结构的模型：无法测量其准确度</translation>
        </message>
        <message>
            <source>Not a llama-shaped model: its speed cannot be measured</source>
            <translation>不是 Llama 结构的模型：无法测量其速度</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SensitivityController</name>
        <message>
            <source>Most sensitive at %1: %2 (KL %3)</source>
            <translation>在 %1 下最敏感：%2（KL %3）</translation>
        </message>
        <message>
            <source>Sensitivity</source>
            <translation>敏感度</translation>
        </message>
        <message>
            <source>Tensor &amp;Sensitivity</source>
            <translation>张量敏感度(&amp;S)</translation>
        </message>
        <message>
            <source>KL divergence when only one tensor (or layer) is quantized, ranked</source>
            <translation>仅量化一个张量（或一层）时的 KL 散度，按大小排序</translation>
        </message>
        <message>
            <source>Plan for Si&amp;ze…</source>
            <translation>按大小规划(&amp;Z)…</translation>
        </message>
        <message>
            <source>Mixed precision for a size target: the per-tensor plan with the least KL</source>
            <translation>面向目标大小的混合精度：KL 最小的逐张量方案</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::TeachingController</name>
        <message>
            <source>What's &amp;This?</source>
            <translation>这是什么?(&amp;T)</translation>
        </message>
        <message>
            <source>Explain in the quantization primer</source>
            <translation>在量化入门中查看解释</translation>
        </message>
        <message>
            <source>Block inspector</source>
            <translation>块检查器</translation>
        </message>
        <message>
            <source>&amp;Block Inspector</source>
            <translation>块检查器(&amp;B)</translation>
        </message>
        <message>
            <source>One block of a tensor: its weights, the grid of levels, codes, scales and formula</source>
            <translation>张量中的一个块:其权重、级别网格、编码、缩放因子与公式</translation>
        </message>
        <message>
            <source>Quantization &amp;Primer</source>
            <translation>量化入门(&amp;P)</translation>
        </message>
        <message>
            <source>What quantization is, with examples computed from the open model</source>
            <translation>什么是量化,并附有根据当前模型计算的示例</translation>
        </message>
        <message>
            <source>Right-click a column to read about it in the quantization primer</source>
            <translation>右键点击某一列,可在量化入门中阅读其说明</translation>
        </message>
        <message>
            <source>Click a control to read what it shows, with a link into the quantization primer</source>
            <translation>点击某个控件,阅读它所显示内容的说明,并附有指向量化入门的链接</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::ModelBrowser</name>
        <message>
            <source>(keep)</source>
            <translation>(保持)</translation>
        </message>
        <message>
            <source>Filter tensors…</source>
            <translation>筛选张量…</translation>
        </message>
        <message>
            <source>Fill the plan column from a preset</source>
            <translation>用预设填充方案列</translation>
        </message>
        <message>
            <source>Plan preset…</source>
            <translation>方案预设…</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>名称</translation>
        </message>
        <message>
            <source>Shape</source>
            <translation>形状</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>类型</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>参数</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>方案</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>无模型</translation>
        </message>
        <message>
            <source>Layer %1</source>
            <translation>第 %1 层</translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s)</source>
            <translation>
                <numerusform>%n 个张量</numerusform>
            </translation>
        </message>
        <message>
            <source>Double-click to set the target type of this tensor (applies to every selected tensor)</source>
            <translation>双击设置该张量的目标类型(应用于所有选中的张量)</translation>
        </message>
        <message>
            <source>Open a model (File ▸ Open…) or drop a file here.</source>
            <translation>打开一个模型(文件 ▸ 打开…)或把文件拖到这里。</translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s) · %1 parameters · size now %2 · after the plan %3 (%4 bits/weight)</source>
            <translation>
                <numerusform>%n 个张量 · %1 个参数 · 当前大小 %2 · 按方案后 %3(%4 位/权重)</numerusform>
            </translation>
        </message>
        <message>
            <source>Tensor name, grouped by layer</source>
            <translation>张量名称,按层分组</translation>
        </message>
        <message>
            <source>Rows × columns of the tensor</source>
            <translation>张量的行数 × 列数</translation>
        </message>
        <message>
            <source>Storage type of the tensor in the opened file</source>
            <translation>该张量在已打开文件中的存储类型</translation>
        </message>
        <message>
            <source>Number of weights</source>
            <translation>权重数量</translation>
        </message>
        <message>
            <source>Bytes the tensor takes in the opened file</source>
            <translation>该张量在已打开文件中占用的字节数</translation>
        </message>
        <message>
            <source>Target type of the tensor in the mixed-precision plan (double-click to change)</source>
            <translation>该张量在混合精度方案中的目标类型(双击修改)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::PlotsWidget</name>
        <message>
            <source>Log scale</source>
            <translation>对数刻度</translation>
        </message>
        <message>
            <source>Logarithmic count axis for the histograms</source>
            <translation>直方图使用对数计数轴</translation>
        </message>
        <message>
            <source>Levels of:</source>
            <translation>级别来自:</translation>
        </message>
        <message>
            <source>Precision whose reconstruction levels and dequantized histogram are drawn over the weight histogram</source>
            <translation>在权重直方图上绘制其重建级别和反量化直方图的精度</translation>
        </message>
        <message>
            <source>Per layer:</source>
            <translation>按层:</translation>
        </message>
        <message>
            <source>SQNR (dB)</source>
            <translation>SQNR(dB)</translation>
        </message>
        <message>
            <source>RMSE</source>
            <translation>RMSE</translation>
        </message>
        <message>
            <source>Trade-off x:</source>
            <translation>权衡图 x 轴:</translation>
        </message>
        <message>
            <source>Bits per weight</source>
            <translation>每权重位数</translation>
        </message>
        <message>
            <source>Size (MB)</source>
            <translation>大小(MB)</translation>
        </message>
        <message>
            <source>Reset view</source>
            <translation>重置视图</translation>
        </message>
        <message>
            <source>Fit the axes to the data (also: double-click the plot)</source>
            <translation>使坐标轴适应数据(也可双击图表)</translation>
        </message>
        <message>
            <source>Weight histogram</source>
            <translation>权重直方图</translation>
        </message>
        <message>
            <source>Error distribution</source>
            <translation>误差分布</translation>
        </message>
        <message>
            <source>Per-layer error</source>
            <translation>逐层误差</translation>
        </message>
        <message>
            <source>Trade-off</source>
            <translation>权衡</translation>
        </message>
        <message>
            <source>Select a tensor or open a model</source>
            <translation>请选择一个张量或打开一个模型</translation>
        </message>
        <message>
            <source>Press Run to compare the checked precisions over the whole model</source>
            <translation>按“运行”以在整个模型上比较勾选的精度</translation>
        </message>
        <message>
            <source>%1 — RMSE %2 · SQNR %3 dB · max %4</source>
            <translation>%1 — RMSE %2 · SQNR %3 dB · 最大 %4</translation>
        </message>
        <message>
            <source>Error (dequantized − original): %1</source>
            <translation>误差(反量化 − 原始):%1</translation>
        </message>
        <message>
            <source>error</source>
            <translation>误差</translation>
        </message>
        <message>
            <source>density</source>
            <translation>密度</translation>
        </message>
        <message>
            <source>weight value</source>
            <translation>权重值</translation>
        </message>
        <message>
            <source>count</source>
            <translation>计数</translation>
        </message>
        <message>
            <source>Press Run for the whole model's error distribution, or select a tensor</source>
            <translation>按“运行”查看整个模型的误差分布,或选择一个张量</translation>
        </message>
        <message>
            <source>dequantized %1</source>
            <translation>反量化 %1</translation>
        </message>
        <message>
            <source>levels of one %1 block</source>
            <translation>一个 %1 块的级别</translation>
        </message>
        <message>
            <source>levels</source>
            <translation>级别</translation>
        </message>
        <message>
            <source>Weights: %1</source>
            <translation>权重:%1</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n reconstruction level(s) in %2 (move the mouse over the histogram to pick another block)</source>
            <translation>
                <numerusform>%1:%2 中有 %n 个重建级别(在直方图上移动鼠标可选择其他块)</numerusform>
            </translation>
        </message>
        <message>
            <source>Error (dequantized − original): whole model</source>
            <translation>误差(反量化 − 原始):整个模型</translation>
        </message>
        <message>
            <source>tensor (in model order; ticks at the first tensor of each layer)</source>
            <translation>张量(按模型顺序;刻度位于每层的第一个张量)</translation>
        </message>
        <message>
            <source>Per-tensor error along the model</source>
            <translation>沿模型的逐张量误差</translation>
        </message>
        <message>
            <source>Size vs error: %1</source>
            <translation>大小与误差:%1</translation>
        </message>
        <message>
            <source>Size vs error: whole model</source>
            <translation>大小与误差:整个模型</translation>
        </message>
        <message>
            <source>Pareto front</source>
            <translation>帕累托前沿</translation>
        </message>
        <message>
            <source>size (MB)</source>
            <translation>大小(MB)</translation>
        </message>
        <message>
            <source>bits per weight</source>
            <translation>每权重位数</translation>
        </message>
        <message>
            <source>SQNR (dB) — higher is better</source>
            <translation>SQNR(dB)— 越高越好</translation>
        </message>
        <message>
            <source>error:</source>
            <translation>误差：</translation>
        </message>
        <message>
            <source>Weight SQNR (dB)</source>
            <translation>权重 SQNR (dB)</translation>
        </message>
        <message>
            <source>Weight RMSE</source>
            <translation>权重 RMSE</translation>
        </message>
        <message>
            <source>Mean KL (model)</source>
            <translation>平均 KL（模型）</translation>
        </message>
        <message>
            <source>Error axis of the trade-off plot; mean KL needs a Run with Analysis &gt; Evaluate Model Accuracy</source>
            <translation>权衡图的误差轴；平均 KL 需要在开启“分析 &gt; 评估模型准确度”后运行</translation>
        </message>
        <message>
            <source>Mean KL: turn on Analysis &gt; Evaluate Model Accuracy and press Run</source>
            <translation>平均 KL：请开启“分析 &gt; 评估模型准确度”并点击“运行”</translation>
        </message>
        <message>
            <source>Size vs mean KL divergence: whole model</source>
            <translation>大小与平均 KL 散度：整个模型</translation>
        </message>
        <message>
            <source>weight RMSE — lower is better</source>
            <translation>权重 RMSE — 越低越好</translation>
        </message>
        <message>
            <source>mean KL divergence (nats) — lower is better</source>
            <translation>平均 KL 散度（nats）— 越低越好</translation>
        </message>
        <message>
            <source>How the weights are distributed, with the levels a precision can represent</source>
            <translation>权重的分布,以及某一精度可表示的级别</translation>
        </message>
        <message>
            <source>Distribution of the rounding error per precision</source>
            <translation>各精度的舍入误差分布</translation>
        </message>
        <message>
            <source>The error of every tensor along the model</source>
            <translation>模型中每个张量的误差</translation>
        </message>
        <message>
            <source>Storage against error for each precision, with the Pareto front</source>
            <translation>各精度的存储开销与误差对比,附帕累托前沿</translation>
        </message>
        <message>
            <source>original weights (%1)</source>
            <translation>原始权重（%1）</translation>
        </message>
        <message>
            <source>The whole model's weights. Select a tensor in the Model list to see the levels a precision gives its blocks, or press Run (F5) to compare the checked precisions.</source>
            <translation>整个模型的权重。在模型列表中选择一个张量，可查看某种精度为其各块提供的级别；或按“运行”(F5) 比较勾选的精度。</translation>
        </message>
        <message>
            <source>original (%1 weights)</source>
            <translation>原始（%1 个权重）</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 of %n level(s) used in %3 (move the mouse over the histogram to pick another block)</source>
            <translation>
                <numerusform>%1：%3 使用了 %n 个级别中的 %2 个（在直方图上移动鼠标可选择其他块）</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (same as %2)</source>
            <translation>%1（与 %2 相同）</translation>
        </message>
        <message>
            <source>Decode speed ×</source>
            <translation>解码速度 ×</translation>
        </message>
        <message>
            <source>Size axis of the trade-off plot, or the decode speed over the opened model's (needs a Run with Analysis &gt; Measure Speed): size, speed and error, the three-way trade-off</source>
            <translation>权衡图的大小轴，或相对于已打开模型的解码速度（需要在开启“分析 &gt; 测量速度”后运行）：大小、速度与误差的三方权衡</translation>
        </message>
        <message>
            <source>Decode speed: turn on Analysis &gt; Measure Speed and press Run</source>
            <translation>解码速度：请开启“分析 &gt; 测量速度”并点击“运行”</translation>
        </message>
        <message>
            <source>Decode speed vs mean KL divergence: whole model</source>
            <translation>解码速度与平均 KL 散度：整个模型</translation>
        </message>
        <message>
            <source>Decode speed vs error: whole model</source>
            <translation>解码速度与误差：整个模型</translation>
        </message>
        <message>
            <source>decode speed × (tokens/s over the source %1's) — higher is faster</source>
            <translation>解码速度 ×（词元/秒与源 %1 之比）— 越高越快</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::PrecisionBar</name>
        <message>
            <source>Precisions</source>
            <translation>精度</translation>
        </message>
        <message>
            <source>Choose the precisions to compare</source>
            <translation>选择要比较的精度</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>运行</translation>
        </message>
        <message>
            <source>Quantize the whole model at every checked precision and measure the error (F5)</source>
            <translation>以每种勾选的精度量化整个模型并测量误差(F5)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>(none checked)</source>
            <translation>(未勾选)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::Primer</name>
        <message>
            <source>Live example:</source>
            <translation>实时示例:</translation>
        </message>
        <message>
            <source>Quantization primer</source>
            <translation>量化入门</translation>
        </message>
        <message>
            <source>No model is open: the examples use a synthetic tensor of %1 × %2 Gaussian weights.</source>
            <translation>未打开模型:示例使用一个由 %1 × %2 个高斯分布权重构成的合成张量。</translation>
        </message>
        <message>
            <source>The examples are computed from %1; per-tensor numbers use the first %2 rows of its largest tensor, %3 (%4 columns).</source>
            <translation>示例由 %1 计算得出;单个张量的数字使用其最大张量 %3(%4 列)的前 %2 行。</translation>
        </message>
        <message>
            <source>the open model</source>
            <translation>当前打开的模型</translation>
        </message>
        <message>
            <source>this model's eligible weights: FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4.</source>
            <translation>本模型可量化的权重:FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4。</translation>
        </message>
        <message>
            <source>%1 weights: FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5.</source>
            <translation>%1 个权重:FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5。</translation>
        </message>
        <message>
            <source>What quantization is</source>
            <translation>什么是量化</translation>
        </message>
        <message>
            <source>A model's weights are real numbers, normally stored with 32 or 16 bits each. Quantization stores each weight as a small integer code instead (8, 4 or even 2 bits) plus a few shared numbers that say how to turn codes back into values. The model becomes smaller and faster to move through memory; the price is that every weight is replaced by the nearest value the code can express.</source>
            <translation>模型的权重是实数,通常每个用 32 位或 16 位存储。量化则把每个权重存成一个很小的整数编码(8 位、4 位甚至 2 位),再加上几个共享的数字,用来说明如何把编码还原成数值。模型因此变小,在内存中搬运也更快;代价是每个权重都被替换为编码能表示的最接近的值。</translation>
        </message>
        <message>
            <source>the first 32 weights of the tensor, in INT8 symmetric, get the scale s = %1; the largest of them, %2, is stored as code %3 and comes back as %4. Asymmetric INT8 uses s = %5 and zero point z = %6.</source>
            <translation>张量的前 32 个权重在 INT8 对称量化下得到缩放因子 s = %1;其中最大的 %2 被存为编码 %3,还原后为 %4。非对称 INT8 使用 s = %5,零点 z = %6。</translation>
        </message>
        <message>
            <source>Scale and zero point</source>
            <translation>缩放因子与零点</translation>
        </message>
        <message>
            <source>The scale s is the step between two neighbouring codes: a weight x is stored as the integer q = round(x / s) and read back as x̂ = s·q. A zero point z shifts the codes so that they can cover a range that is not centred on zero: x̂ = s·(q − z). The difference x̂ − x is the quantization error; it is at most half a step for weights inside the range.</source>
            <translation>缩放因子 s 是相邻两个编码之间的步长:权重 x 被存为整数 q = round(x / s),读回时为 x̂ = s·q。零点 z 会平移编码,使其能覆盖一个不以零为中心的范围:x̂ = s·(q − z)。差值 x̂ − x 就是量化误差;对范围内的权重,它最多为半个步长。</translation>
        </message>
        <message>
            <source>INT4 with a scale per 32 weights: symmetric RMSE %1, asymmetric %2. On the same weights made all positive (|x|, like activations after a ReLU) symmetric wastes its negative codes: RMSE %3 against %4.</source>
            <translation>INT4,每 32 个权重一个缩放因子:对称 RMSE %1,非对称 %2。把同样的权重全部变为正数(|x|,类似 ReLU 之后的激活值)时,对称量化浪费了它的负编码:RMSE %3 对比 %4。</translation>
        </message>
        <message>
            <source>Symmetric or asymmetric</source>
            <translation>对称还是非对称</translation>
        </message>
        <message>
            <source>Symmetric quantization puts zero in the middle of the grid and only needs a scale: it fits weights spread evenly around zero, as most are. Asymmetric quantization also stores a zero point (or a minimum) and places its grid over the actual range from the smallest to the largest weight, so no code is wasted when the values lean to one side.</source>
            <translation>对称量化把零放在网格中央,只需要一个缩放因子:它适合均匀分布在零两侧的权重,大多数权重正是如此。非对称量化还会存储一个零点(或最小值),把网格放在从最小到最大权重的实际范围上,因此当数值偏向一侧时也不会浪费编码。</translation>
        </message>
        <message>
            <source>INT4 symmetric on this tensor: one scale for the tensor SQNR %1, one per row %2, one per 32 weights %3 (at %4, %5 and %6 bits per weight).</source>
            <translation>本张量上的 INT4 对称量化:整个张量一个缩放因子 SQNR %1,每行一个 %2,每 32 个权重一个 %3(分别为每权重 %4、%5 和 %6 位)。</translation>
        </message>
        <message>
            <source>Per tensor, per channel, per group</source>
            <translation>按张量、按通道、按组</translation>
        </message>
        <message>
            <source>One scale can serve a whole tensor, each row (output channel), or each small group of weights along a row. The scale has to stretch over the largest weight it covers, so a single large weight coarsens the grid for everything sharing its scale. Smaller groups follow the weights more closely but need more scales.</source>
            <translation>一个缩放因子可以服务整个张量、每一行(输出通道),或行内的每一小组权重。缩放因子必须覆盖它所管辖的最大权重,因此一个很大的权重会让共享该缩放因子的所有权重的网格变粗。更小的分组能更贴近权重,但需要更多缩放因子。</translation>
        </message>
        <message>
            <source>Q4_0 (a 16-bit scale per 32 weights): %1 bits per weight, SQNR %2. Q4_K (super-blocks of 256 with 6-bit scales and mins per 32): %3 bits per weight, SQNR %4.</source>
            <translation>Q4_0(每 32 个权重一个 16 位缩放因子):每权重 %1 位,SQNR %2。Q4_K(256 个权重的超级块,每 32 个权重有 6 位缩放因子和最小值):每权重 %3 位,SQNR %4。</translation>
        </message>
        <message>
            <source>(this tensor's rows are not a multiple of 256, so the K-quants do not apply to it.)</source>
            <translation>(该张量的行长不是 256 的倍数,因此 K-quant 格式不适用。)</translation>
        </message>
        <message>
            <source>Blocks and super-blocks</source>
            <translation>块与超级块</translation>
        </message>
        <message>
            <source>llama.cpp's formats cut every row into blocks of 32 weights, each with its own 16-bit scale (Q8_0, Q4_0, ...). The K-quants group 8 or 16 such sub-blocks into a super-block of 256 weights: the super-block keeps one or two 16-bit numbers, and each sub-block's scale is itself quantized to 4, 6 or 8 bits relative to them. Scales stay local, but cost much less. The block inspector shows all of this for any block of the model.</source>
            <translation>llama.cpp 的格式把每一行切成 32 个权重的块,每块有自己的 16 位缩放因子(Q8_0、Q4_0 等)。K-quant 格式把 8 或 16 个这样的子块组成一个 256 个权重的超级块:超级块保存一到两个 16 位数字,每个子块的缩放因子再相对于它们量化为 4、6 或 8 位。缩放因子仍然是局部的,但开销小得多。块检查器可以为模型的任意块展示这一切。</translation>
        </message>
        <message>
            <source>%1: %2 → %3</source>
            <translation>%1:%2 → %3</translation>
        </message>
        <message>
            <source>What bits per weight really cost</source>
            <translation>每权重位数的真实开销</translation>
        </message>
        <message>
            <source>A "4-bit" format never costs exactly 4 bits per weight: every scale, zero point and minimum is stored too and shared by the weights of its block. A 16-bit scale per 32 weights adds 0.5 bit to each of them, a scale and a minimum add 1 bit.</source>
            <translation>“4 位”格式从不恰好只占每权重 4 位:每个缩放因子、零点和最小值也都要存储,并由所在块的权重分摊。每 32 个权重一个 16 位缩放因子,会给每个权重增加 0.5 位;缩放因子加最小值则增加 1 位。</translation>
        </message>
        <message>
            <source>code bits → bits per weight with everything counted, on this tensor: %1.</source>
            <translation>编码位数 → 计入全部开销后的每权重位数(本张量):%1。</translation>
        </message>
        <message>
            <source>A video analogy</source>
            <translation>一个视频类比</translation>
        </message>
        <message>
            <source>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</source>
            <translation>想象一个视频流:Q8 像 1440p,几乎分辨不出与原片的差别;Q4 像 720p,仔细看明显更模糊,但完全可以观看;Q2 像 360p,情节还在,细节却丢了。和视频一样,更小的文件往往是正确的选择,只要你清楚它的代价。</translation>
        </message>
        <message numerus="yes">
            <source>(%n tensor(s) whose rows a format cannot split use llama.cpp's fallback type.)</source>
            <translation>
                <numerusform>(有 %n 个张量的行无法被该格式切分,改用 llama.cpp 的回退类型。)</numerusform>
            </translation>
        </message>
        <message>
            <source>on this tensor %1 keeps an SQNR of %2, %3 %4, %5 %6 (every 10 dB is ten times less error power).</source>
            <translation>在本张量上 %1 的 SQNR 为 %2,%3 为 %4,%5 为 %6(每 10 dB 表示误差功率降低为十分之一)。</translation>
        </message>
        <message>
            <source>Primer: %1</source>
            <translation>入门:%1</translation>
        </message>
        <message>
            <source>Shift+F1: more in the primer</source>
            <translation>Shift+F1:在入门中了解更多</translation>
        </message>
        <message>
            <source>Codebooks: lattice formats</source>
            <translation>码本：格点格式</translation>
        </message>
        <message>
            <source>on the first %1 rows of this tensor: Q2_K %2 bits per weight, SQNR %3; IQ2_XXS %4 bits per weight, SQNR %5; IQ3_XXS %6 bits per weight, SQNR %7.</source>
            <translation>在此张量的前 %1 行上：Q2_K 每权重 %2 位，SQNR %3；IQ2_XXS 每权重 %4 位，SQNR %5；IQ3_XXS 每权重 %6 位，SQNR %7。</translation>
        </message>
        <message>
            <source>(this tensor's rows are not a multiple of 256, so the lattice formats do not apply to it.)</source>
            <translation>（此张量的行长不是 256 的倍数，因此格点格式不适用于它。）</translation>
        </message>
        <message>
            <source>Q2_K stores a small integer code for every weight and multiplies it by a scale. The IQ formats store, for a group of 8 (or 4) weights, the number of one entry of a fixed codebook: a lattice of 256 or 512 patterns of magnitudes chosen so that the combinations real weights take are close to one of them, plus the signs and a scale per 32 weights. Because a whole group is coded at once, IQ2_XXS spends 2.06 bits per weight where Q2_K needs 2.63. Choosing the best entry is a search over the codebook, which is why these formats quantize slowly and llama.cpp asks for an importance matrix for the 2-bit ones.</source>
            <translation>Q2_K 为每个权重存储一个小整数码并乘以缩放因子。IQ 格式则为每组 8（或 4）个权重存储固定码本中一个条目的编号：码本是由 256 或 512 个幅值模式组成的格点，选取它们使真实权重的组合都接近其中之一；另外存储符号以及每 32 个权重一个缩放因子。由于整组一起编码，IQ2_XXS 每权重只需 2.06 位，而 Q2_K 需要 2.63 位。选择最佳条目需要在码本中搜索，因此这些格式量化较慢，且 llama.cpp 对 2 位格式要求重要性矩阵。</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::TradeoffTableModel</name>
        <message numerus="yes">
            <source>%1: %n tensor(s) quantized</source>
            <translation>
                <numerusform>%1:已量化 %n 个张量</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n with a fallback type (row length vs block size)</source>
            <translation>
                <numerusform>,其中 %n 个使用回退类型(行长与块大小不符)</numerusform>
            </translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>精度</translation>
        </message>
        <message>
            <source>Bits/weight</source>
            <translation>位/权重</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>大小</translation>
        </message>
        <message>
            <source>vs source</source>
            <translation>相对源文件</translation>
        </message>
        <message>
            <source>vs F32</source>
            <translation>相对 F32</translation>
        </message>
        <message>
            <source>RMSE</source>
            <translation>RMSE</translation>
        </message>
        <message>
            <source>SQNR (dB)</source>
            <translation>SQNR(dB)</translation>
        </message>
        <message>
            <source>Max error</source>
            <translation>最大误差</translation>
        </message>
        <message>
            <source>p99 |error|</source>
            <translation>p99 |误差|</translation>
        </message>
        <message>
            <source>Cosine</source>
            <translation>余弦</translation>
        </message>
        <message>
            <source>Time (s)</source>
            <translation>时间(秒)</translation>
        </message>
        <message>
            <source>Storage of the quantized tensors (as quantscope-cli compare reports it)</source>
            <translation>量化张量的存储大小(与 quantscope-cli compare 的报告一致)</translation>
        </message>
        <message>
            <source>Bits per weight over the quantized tensors</source>
            <translation>量化张量的每权重位数</translation>
        </message>
        <message>
            <source>Compression relative to the opened model's own storage of the same tensors</source>
            <translation>相对于已打开模型中相同张量原始存储的压缩比</translation>
        </message>
        <message>
            <source>Compression relative to storing every weight as F32</source>
            <translation>相对于每个权重都以 F32 存储的压缩比</translation>
        </message>
        <message>
            <source>Signal-to-quantization-noise ratio: 10·log10(Σx² / Σ(x−q)²)</source>
            <translation>信号与量化噪声之比:10·log10(Σx² / Σ(x−q)²)</translation>
        </message>
        <message>
            <source>99th percentile of the absolute error</source>
            <translation>绝对误差的第 99 百分位数</translation>
        </message>
        <message>
            <source>Cosine similarity between the original and the dequantized weights</source>
            <translation>原始权重与反量化权重之间的余弦相似度</translation>
        </message>
        <message>
            <source>Quantized with error-feedback rounding (GPTQ-style: each matrix's output on another token stream than the evaluation changes least; ordinary llama.cpp blocks); weight errors are not measured for this row</source>
            <translation>用误差反馈舍入量化（类似 GPTQ：每个矩阵在与评估不同的词元流上的输出变化最小；普通的 llama.cpp 块）；此行不测量权重误差</translation>
        </message>
        <message>
            <source>Quantized with the importance matrix (calibrated on another token stream than the evaluation); weight errors are not measured for this row</source>
            <translation>使用重要性矩阵量化（在与评估不同的词元流上校准）；此行不测量权重误差</translation>
        </message>
        <message numerus="yes">
            <source>Evaluated on %n position(s); reference perplexity %1</source>
            <translation>
                <numerusform>在 %n 个位置上评估；参考困惑度 %1</numerusform>
            </translation>
        </message>
        <message>
            <source>KL mean</source>
            <translation>KL 均值</translation>
        </message>
        <message>
            <source>KL p99</source>
            <translation>KL p99</translation>
        </message>
        <message>
            <source>Top-1 agreement</source>
            <translation>Top-1 一致率</translation>
        </message>
        <message>
            <source>Perplexity</source>
            <translation>困惑度</translation>
        </message>
        <message>
            <source>Δ perplexity</source>
            <translation>Δ 困惑度</translation>
        </message>
        <message>
            <source>Mean KL divergence of the quantized model's next-token distribution from the original's, in nats (Analysis &gt; Evaluate Model Accuracy)</source>
            <translation>量化模型的下一词元分布相对原始模型的平均 KL 散度，单位 nats（分析 &gt; 评估模型准确度）</translation>
        </message>
        <message>
            <source>99th percentile of the per-position KL divergence</source>
            <translation>逐位置 KL 散度的第 99 百分位数</translation>
        </message>
        <message>
            <source>How often the quantized and the original model agree on the most likely next token</source>
            <translation>量化模型与原始模型对最可能的下一个词元取得一致的比例</translation>
        </message>
        <message>
            <source>Perplexity of the quantized model on the evaluation tokens</source>
            <translation>量化模型在评估词元上的困惑度</translation>
        </message>
        <message>
            <source>Perplexity of the quantized model minus that of the original</source>
            <translation>量化模型的困惑度减去原始模型的困惑度</translation>
        </message>
        <message>
            <source>The format or preset the model was quantized to</source>
            <translation>模型被量化成的格式或预设</translation>
        </message>
        <message>
            <source>Root mean square of the weight error</source>
            <translation>权重误差的均方根</translation>
        </message>
        <message>
            <source>Largest absolute weight error</source>
            <translation>最大的权重绝对误差</translation>
        </message>
        <message>
            <source>Time to quantize, dequantize and measure at this precision</source>
            <translation>以该精度量化、反量化并测量所用的时间</translation>
        </message>
        <message>
            <source>%1: a mixed-precision plan for a size target (Analysis &gt; Plan for Size); its bits per weight count every tensor of the forward pass, as plan-for-size does</source>
            <translation>%1：针对目标大小的混合精度规划（分析 &gt; 按大小规划）；其每权重位数按 plan-for-size 的方式计入前向计算的每个张量</translation>
        </message>
        <message>
            <source>The synthetic demo's weights are random-like: its perplexity is in the thousands and a Δ perplexity can even be negative; use KL and top-1.</source>
            <translation>合成演示模型的权重近似随机：其困惑度达数千，Δ 困惑度甚至可能为负；请看 KL 和 top-1。</translation>
        </message>
        <message>
            <source>%1 (fallback %2/%3)</source>
            <translation>%1（回退 %2/%3）</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 of %n tensor(s) fell back to %3 (their rows are not a multiple of its block size), so this row measures mostly %3</source>
            <translation>
                <numerusform>%1：%n 个张量中有 %2 个回退到 %3（其行长不是块大小的整数倍），因此这一行主要测量的是 %3</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s) %1 at %2 bits/weight</source>
            <translation>
                <numerusform>%n 个张量为 %1，每权重 %2 位</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 bits/weight over %2 weights: %3. Every block's scales count, and tensors whose rows a block does not divide keep a wider type, so a "4-bit" row can cost much more.</source>
            <translation>%2 个权重平均每权重 %1 位：%3。每个块的缩放因子都计算在内，行长不能被块整除的张量会保留更宽的类型，因此“4 位”的一行可能代价高得多。</translation>
        </message>
        <message>
            <source>%1: the opened model as stored, the reference of “speed ×”</source>
            <translation>%1：按原样存储的已打开模型，“速度 ×”的基准</translation>
        </message>
        <message>
            <source>%1 (source)</source>
            <translation>%1（源）</translation>
        </message>
        <message>
            <source>tokens/s</source>
            <translation>词元/秒</translation>
        </message>
        <message>
            <source>speed ×</source>
            <translation>速度 ×</translation>
        </message>
        <message>
            <source>prompt tokens/s</source>
            <translation>提示词元/秒</translation>
        </message>
        <message>
            <source>Decode speed (tokens/s, one token at a time after a 16-token prompt, as llama-bench tg128), its ratio to the opened model's own, and prompt speed (one 512-token batch, pp512), measured on the quantized weights as quantscope-cli bench-model does (Analysis &gt; Measure Speed)</source>
            <translation>解码速度（词元/秒：在 16 个词元的提示之后逐个生成，同 llama-bench 的 tg128）、它与已打开模型自身速度之比，以及提示处理速度（一批 512 个词元，pp512），均在量化后的权重上测量，与 quantscope-cli bench-model 相同（分析 &gt; 测量速度）</translation>
        </message>
        <message numerus="yes">
            <source>Decode: %1 tokens generated one at a time after a %2-token prompt (llama-bench tg%1); prompt: one batch of %3 tokens (pp%3); %n thread(s), activations %4, on the quantized weights as quantscope-cli bench-model measures them. “speed ×” is the decode speed over the source row's.</source>
            <translation>
                <numerusform>解码：在 %2 个词元的提示之后逐个生成 %1 个词元（llama-bench tg%1）；提示：一批 %3 个词元（pp%3）；%n 个线程，激活值 %4，在量化后的权重上测量，与 quantscope-cli bench-model 相同。“速度 ×”是解码速度与源行之比。</numerusform>
            </translation>
        </message>
        <message>
            <source>float (weights only)</source>
            <translation>浮点（仅权重）</translation>
        </message>
        <message>
            <source>llama (quantized as llama.cpp does)</source>
            <translation>llama（按 llama.cpp 的方式量化）</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::engine</name>
        <message>
            <source>INT / NF4</source>
            <translation>INT / NF4</translation>
        </message>
        <message>
            <source>Float</source>
            <translation>浮点</translation>
        </message>
        <message>
            <source>Presets (mixed precision)</source>
            <translation>预设(混合精度)</translation>
        </message>
        <message>
            <source>llama.cpp preset %1: a mixture of types per tensor</source>
            <translation>llama.cpp 预设 %1:按张量混合多种类型</translation>
        </message>
        <message>
            <source>llama.cpp preset %1</source>
            <translation>llama.cpp 预设 %1</translation>
        </message>
        <message>
            <source>Every eligible tensor as %1</source>
            <translation>所有可量化张量均为 %1</translation>
        </message>
        <message>
            <source>not quantized (%1)</source>
            <translation>未量化(%1)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1(%2)</translation>
        </message>
        <message>
            <source>row %1</source>
            <translation>第 %1 行</translation>
        </message>
        <message>
            <source>row %1, block %2 (columns %3–%4)</source>
            <translation>第 %1 行,第 %2 块(列 %3–%4)</translation>
        </message>
        <message>
            <source>%1 + error feedback</source>
            <translation>%1 + 误差反馈</translation>
        </message>
        <message>
            <source>%1 + imatrix</source>
            <translation>%1 + imatrix</translation>
        </message>
        <message>
            <source>stories260K (built-in)</source>
            <translation>stories260K（内置）</translation>
        </message>
        <message>
            <source>synthetic demo (%1 M parameters, random-like weights)</source>
            <translation>合成演示模型（%1 M 参数，权重近似随机）</translation>
        </message>
        <message>
            <source>Quantizing every tensor…</source>
            <translation>正在量化每个张量…</translation>
        </message>
        <message>
            <source>Running the original model on the evaluation tokens…</source>
            <translation>正在用评估 token 运行原始模型…</translation>
        </message>
        <message>
            <source>Evaluating %1…</source>
            <translation>正在评估 %1…</translation>
        </message>
        <message>
            <source>%1 has no GGUF tensor type (llama.cpp cannot load it): it is exported as fake-quant safetensors, dequantized values in the source's dtype.</source>
            <translation>%1 没有 GGUF 张量类型（llama.cpp 无法加载）：它将导出为伪量化 safetensors，即以源数据类型存储的反量化值。</translation>
        </message>
        <message>
            <source>The plan uses a type GGUF cannot store (%1): it is exported as fake-quant safetensors.</source>
            <translation>该规划使用了 GGUF 无法存储的类型（%1）：它将导出为伪量化 safetensors。</translation>
        </message>
        <message>
            <source>Measuring the KL of every tensor at every candidate format…</source>
            <translation>正在测量每个张量在每种候选格式下的 KL…</translation>
        </message>
        <message>
            <source>Measuring the accuracy of the finished plan…</source>
            <translation>正在测量完成的规划的准确度…</translation>
        </message>
        <message>
            <source>Measuring speed…</source>
            <translation>正在测量速度…</translation>
        </message>
        <message>
            <source>Measuring the speed of %1…</source>
            <translation>正在测量 %1 的速度…</translation>
        </message>
        <message>
            <source>%1-bit formats</source>
            <translation>%1 位格式</translation>
        </message>
        <message>
            <source>K-quant</source>
            <translation>K 量化</translation>
        </message>
        <message>
            <source>legacy block</source>
            <translation>传统块</translation>
        </message>
        <message>
            <source>non-linear levels</source>
            <translation>非线性量级</translation>
        </message>
        <message>
            <source>lattice codebook</source>
            <translation>格点码本</translation>
        </message>
        <message>
            <source>ternary</source>
            <translation>三值</translation>
        </message>
        <message>
            <source>microscaling FP4</source>
            <translation>微缩放 FP4</translation>
        </message>
        <message>
            <source>%1 · %2 bits/weight</source>
            <translation>%1 · %2 位/权重</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SizeTargetDialog</name>
        <message>
            <source>Importance matrix</source>
            <translation>重要性矩阵</translation>
        </message>
        <message>
            <source>Error feedback</source>
            <translation>误差反馈</translation>
        </message>
        <message>
            <source>Calibrated on %1 tokens sampled with seed %2, another stream than the evaluation's.</source>
            <translation>在以种子 %2 采样的 %1 个词元上校准，与评估使用的词元流不同。</translation>
        </message>
        <message>
            <source>Calibrated on the text file %1, another stream than the evaluation's.</source>
            <translation>在文本文件 %1 上校准，与评估使用的词元流不同。</translation>
        </message>
        <message>
            <source>Calibrated on the token file %1, another stream than the evaluation's.</source>
            <translation>在词元文件 %1 上校准，与评估使用的词元流不同。</translation>
        </message>
        <message>
            <source>Each candidate format minimises the importance-weighted error of every tensor.</source>
            <translation>每种候选格式都最小化每个张量按重要性加权的误差。</translation>
        </message>
        <message>
            <source>Each candidate format rounds every tensor by error feedback: the rounding error of each column is spread over the columns not yet rounded, so the layer's output changes least. Slower, and its memory grows with the square of each matrix's width: meant for small models.</source>
            <translation>每种候选格式都用误差反馈舍入每个张量：每一列的舍入误差被分摊到尚未舍入的列上，使该层的输出变化最小。速度较慢，且内存随每个矩阵宽度的平方增长：适用于小模型。</translation>
        </message>
        <message>
            <source>Rounding:</source>
            <translation>舍入：</translation>
        </message>
        <message>
            <source>Smallest plan with these formats: %1 bits/weight (%2)</source>
            <translation>这些格式下的最小方案：%1 位/权重（%2）</translation>
        </message>
        <message>
            <source>Plan for Size</source>
            <translation>按大小规划</translation>
        </message>
        <message>
            <source>Choose a format for every weight matrix so the model fits the target with the least KL divergence from the original: each tensor's KL is measured at every candidate format, then the upgrades that buy the most accuracy per byte are taken greedily.</source>
            <translation>为每个权重矩阵选择一种格式，使模型在目标大小内与原模型的 KL 散度最小：先在每种候选格式下测量每个张量的 KL，再贪心地选择每字节带来最大精度提升的升级。</translation>
        </message>
        <message>
            <source>bits per weight</source>
            <translation>位/权重</translation>
        </message>
        <message>
            <source>MB</source>
            <translation>MB</translation>
        </message>
        <message>
            <source>Target size:</source>
            <translation>目标大小：</translation>
        </message>
        <message>
            <source>Length of the evaluation stream sampled from the model (seed 1)</source>
            <translation>从模型采样的评估序列长度（种子 1）</translation>
        </message>
        <message>
            <source>or a token file ({"tokens": [...]})</source>
            <translation>或词元文件（{"tokens": [...]}）</translation>
        </message>
        <message>
            <source>Sampled tokens:</source>
            <translation>采样词元数：</translation>
        </message>
        <message>
            <source>Candidate formats</source>
            <translation>候选格式</translation>
        </message>
        <message>
            <source>Compute and Apply to Plan</source>
            <translation>计算并应用到方案</translation>
        </message>
        <message>
            <source>Planning for a size needs a llama-family model (its forward pass measures the KL).</source>
            <translation>按大小规划需要 llama 系列模型（用其前向计算测量 KL）。</translation>
        </message>
        <message>
            <source>%1 parameters, now %2 (%3 bits/weight); target about %4</source>
            <translation>%1 个参数，当前 %2（%3 位/权重）；目标约 %4</translation>
        </message>
        <message>
            <source>Choose at least one candidate format.</source>
            <translation>请至少选择一种候选格式。</translation>
        </message>
        <message>
            <source>Measuring the KL of every tensor at every candidate format…</source>
            <translation>正在测量每个张量在每种候选格式下的 KL…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>正在取消…</translation>
        </message>
        <message>
            <source>Cancelled; the plan is unchanged.</source>
            <translation>已取消；方案未改变。</translation>
        </message>
        <message>
            <source>Cannot plan for this size: %1</source>
            <translation>无法按此大小规划：%1</translation>
        </message>
        <message>
            <source>%1 (%2 bits/weight; target %3): KL %4, top-1 agreement %5 %</source>
            <translation>%1（%2 位/权重；目标 %3）：KL %4，Top-1 一致率 %5 %</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SensitivityView</name>
        <message>
            <source>Evaluation Tokens</source>
            <translation>评估词元</translation>
        </message>
        <message>
            <source>Token files (*.json);;All files (*)</source>
            <translation>词元文件 (*.json);;所有文件 (*)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>精度：</translation>
        </message>
        <message>
            <source>The format (or preset) each tensor is quantized with, one at a time</source>
            <translation>逐个量化张量时使用的格式（或预设）</translation>
        </message>
        <message>
            <source>By tensor</source>
            <translation>按张量</translation>
        </message>
        <message>
            <source>By layer</source>
            <translation>按层</translation>
        </message>
        <message>
            <source>Quantize one tensor at a time, or all matrices of one layer at a time</source>
            <translation>每次量化一个张量，或每次量化一层的全部矩阵</translation>
        </message>
        <message>
            <source>Sampled tokens:</source>
            <translation>采样词元数：</translation>
        </message>
        <message>
            <source>Length of the evaluation stream sampled from the model (seed 1); longer is more precise and slower</source>
            <translation>从模型采样的评估序列长度（种子 1）；越长越精确，也越慢</translation>
        </message>
        <message>
            <source>or a token file ({"tokens": [...]})</source>
            <translation>或词元文件（{"tokens": [...]}）</translation>
        </message>
        <message>
            <source>Choose a token file</source>
            <translation>选择词元文件</translation>
        </message>
        <message>
            <source>Compute</source>
            <translation>计算</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>取消</translation>
        </message>
        <message>
            <source>Open a model to measure how sensitive its tensors are to quantization.</source>
            <translation>打开一个模型，以测量其张量对量化的敏感程度。</translation>
        </message>
        <message>
            <source>Sensitivity needs a llama-family model: this model's forward pass cannot run here.</source>
            <translation>敏感度需要 llama 系列模型：此模型的前向计算无法在这里运行。</translation>
        </message>
        <message>
            <source>Evaluating: the model runs once per tensor (or layer) over the stream…</source>
            <translation>正在评估：模型针对每个张量（或每层）在序列上运行一次…</translation>
        </message>
        <message>
            <source>the tokens of %1</source>
            <translation>%1 中的词元</translation>
        </message>
        <message>
            <source>KL divergence of the next-token distribution when only that tensor (or layer) is quantized, over %1. The same numbers as quantscope-cli compare --eval --sensitivity.</source>
            <translation>仅量化该张量（或该层）时下一个词元分布的 KL 散度，基于%1。与 quantscope-cli compare --eval --sensitivity 的数值相同。</translation>
        </message>
        <message>
            <source>This model is large for the forward pass: the stream is kept short so the ranking finishes in reasonable time; lengthen it for steadier numbers.</source>
            <translation>此模型的前向计算较大：序列保持较短，以便排名在合理时间内完成；加长序列可得到更稳定的数值。</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>没有模型</translation>
        </message>
        <message>
            <source>Not a llama-family model</source>
            <translation>不是 llama 系列模型</translation>
        </message>
        <message>
            <source>Could not compute the sensitivity: %1</source>
            <translation>无法计算敏感度：%1</translation>
        </message>
        <message>
            <source>Press Compute to rank the tensors</source>
            <translation>点击“计算”为张量排名</translation>
        </message>
        <message>
            <source>%1 stores none of this model's tensors</source>
            <translation>%1 无法存储此模型的任何张量</translation>
        </message>
        <message>
            <source>Layer</source>
            <translation>层</translation>
        </message>
        <message>
            <source>Tensor</source>
            <translation>张量</translation>
        </message>
        <message>
            <source>Mean KL divergence with only this layer at %1 (nats)</source>
            <translation>仅此层为 %1 时的平均 KL 散度（nats）</translation>
        </message>
        <message>
            <source>Mean KL divergence with only this tensor at %1 (nats)</source>
            <translation>仅此张量为 %1 时的平均 KL 散度（nats）</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; at %2&lt;br&gt;KL divergence: %3 nats&lt;br&gt;Top-1 agreement: %4 %&lt;br&gt;Bytes saved: %5 (rank %6 of %7)</source>
            <translation>&lt;b&gt;%1&lt;/b&gt;，%2&lt;br&gt;KL 散度：%3 nats&lt;br&gt;Top-1 一致率：%4 %&lt;br&gt;节省字节：%5（第 %6 名，共 %7）</translation>
        </message>
        <message numerus="yes">
            <source>%n token(s) sampled from the model (seed 1)</source>
            <translation>
                <numerusform>从模型采样的 %n 个词元（种子 1）</numerusform>
            </translation>
        </message>
        <message>
            <source>Importance matrix</source>
            <translation>重要性矩阵</translation>
        </message>
        <message>
            <source>Quantize with an importance matrix calibrated on %1 other tokens sampled with seed %2 (as --imatrix)</source>
            <translation>使用重要性矩阵量化，该矩阵在以种子 %2 采样的另外 %1 个词元上校准（同 --imatrix）</translation>
        </message>
    </context>
    <context>
        <name>qs::formats</name>
        <message>
            <source>32-bit IEEE float: the unquantized reference</source>
            <translation>32 位 IEEE 浮点数:未量化的参考</translation>
        </message>
        <message>
            <source>16-bit IEEE half float</source>
            <translation>16 位 IEEE 半精度浮点数</translation>
        </message>
        <message>
            <source>bfloat16: float32's range with an 8-bit mantissa</source>
            <translation>bfloat16:float32 的数值范围,8 位尾数</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,非对称 [0, %2],带 %1 位零点,每个张量一个 fp32 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,非对称 [0, %2],带 %1 位零点,每行一个 fp16 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,非对称 [0, %2],带 %1 位零点,每 %3 个权重一个 fp16 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,对称 [-%2, %2],每个张量一个 fp32 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,对称 [-%2, %2],每行一个 fp16 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,对称 [-%2, %2],每 %3 个权重一个 fp16 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,非对称 [0, %2],带 %1 位零点,每个张量一个 fp32 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,非对称 [0, %2],带 %1 位零点,每行一个 fp16 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1 位均匀量化,非对称 [0, %2],带 %1 位零点,每 %3 个权重一个 fp16 缩放因子;最小/最大值映射,忽略重要性权重</translation>
        </message>
        <message>
            <source>llama.cpp IQ4_NL: 32-weight blocks, fp16 scale, 4-bit non-linear levels (4.5 bits/weight)</source>
            <translation>llama.cpp IQ4_NL:32 个权重一块,fp16 缩放因子,4 位非线性级别(每权重 4.5 位)</translation>
        </message>
        <message>
            <source>4-bit NormalFloat (bitsandbytes levels), fp32 absmax per 64 weights; importance ignored</source>
            <translation>4 位 NormalFloat(bitsandbytes 的级别),每 64 个权重一个 fp32 绝对最大值;忽略重要性权重</translation>
        </message>
        <message>
            <source>llama.cpp 2-bit K-quant: 256-weight super-blocks, 4-bit scale+min per 16 (2.63 bpw)</source>
            <translation>llama.cpp 2 位 K-quant:256 个权重的超级块,每 16 个权重一个 4 位缩放因子和最小值(每权重 2.63 位)</translation>
        </message>
        <message>
            <source>llama.cpp 3-bit K-quant: 256-weight super-blocks, 6-bit scales per 16 (3.44 bpw)</source>
            <translation>llama.cpp 3 位 K-quant:256 个权重的超级块,每 16 个权重一个 6 位缩放因子(每权重 3.44 位)</translation>
        </message>
        <message>
            <source>llama.cpp Q4_0: 32-weight blocks, fp16 scale, 4-bit levels (4.5 bits/weight)</source>
            <translation>llama.cpp Q4_0:32 个权重一块,fp16 缩放因子,4 位级别(每权重 4.5 位)</translation>
        </message>
        <message>
            <source>llama.cpp Q4_1: 32-weight blocks, fp16 scale and min, 4-bit levels (5 bits/weight)</source>
            <translation>llama.cpp Q4_1:32 个权重一块,fp16 缩放因子和最小值,4 位级别(每权重 5 位)</translation>
        </message>
        <message>
            <source>llama.cpp 4-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (4.5 bpw)</source>
            <translation>llama.cpp 4 位 K-quant:256 个权重的超级块,每 32 个权重一个 6 位缩放因子和最小值(每权重 4.5 位)</translation>
        </message>
        <message>
            <source>llama.cpp Q5_0: 32-weight blocks, fp16 scale, 5-bit levels (5.5 bits/weight)</source>
            <translation>llama.cpp Q5_0:32 个权重一块,fp16 缩放因子,5 位级别(每权重 5.5 位)</translation>
        </message>
        <message>
            <source>llama.cpp Q5_1: 32-weight blocks, fp16 scale and min, 5-bit levels (6 bits/weight)</source>
            <translation>llama.cpp Q5_1:32 个权重一块,fp16 缩放因子和最小值,5 位级别(每权重 6 位)</translation>
        </message>
        <message>
            <source>llama.cpp 5-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (5.5 bpw)</source>
            <translation>llama.cpp 5 位 K-quant:256 个权重的超级块,每 32 个权重一个 6 位缩放因子和最小值(每权重 5.5 位)</translation>
        </message>
        <message>
            <source>llama.cpp 6-bit K-quant: 256-weight super-blocks, 8-bit scales per 16 (6.56 bpw)</source>
            <translation>llama.cpp 6 位 K-quant:256 个权重的超级块,每 16 个权重一个 8 位缩放因子(每权重 6.56 位)</translation>
        </message>
        <message>
            <source>llama.cpp Q8_0: 32-weight blocks, fp16 scale, int8 levels (8.5 bits/weight)</source>
            <translation>llama.cpp Q8_0:32 个权重一块,fp16 缩放因子,int8 级别(每权重 8.5 位)</translation>
        </message>
        <message>
            <source>MXFP4 (OCP microscaling): 32-weight blocks, power-of-two scale, 4-bit E2M1 floats (4.25 bits/weight)</source>
            <translation>MXFP4（OCP 微缩放）：每块 32 个权重，2 的幂缩放因子，4 位 E2M1 浮点数（4.25 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp TQ2_0: 256-weight blocks, fp16 scale, 2-bit levels -1..2 (2.06 bits/weight; ternary models)</source>
            <translation>llama.cpp TQ2_0：每块 256 个权重，fp16 缩放因子，2 位级别 -1..2（2.06 位/权重；三值模型）</translation>
        </message>
        <message>
            <source>llama.cpp TQ1_0: 256-weight blocks, fp16 scale, ternary levels packed 5 per byte (1.69 bits/weight)</source>
            <translation>llama.cpp TQ1_0：每块 256 个权重，fp16 缩放因子，三值级别每字节打包 5 个（1.69 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp IQ4_XS: 256-weight super-blocks, 6-bit scales per 32, 4-bit non-linear levels (4.25 bits/weight)</source>
            <translation>llama.cpp IQ4_XS：每超块 256 个权重，每 32 个一个 6 位缩放因子，4 位非线性级别（4.25 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_XS: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 512-point lattice and signs (2.31 bits/weight)</source>
            <translation>llama.cpp IQ2_XS：每超块 256 个权重，每 16 个一个 4 位缩放因子，512 点格中的 8 权重点及符号（2.31 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_S: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 1024-point lattice and a sign per weight (2.56 bits/weight)</source>
            <translation>llama.cpp IQ2_S：每超块 256 个权重，每 16 个一个 4 位缩放因子，1024 点格中的 8 权重点，每个权重一个符号（2.56 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp IQ1_S: 256-weight super-blocks, 3-bit scales and a ±1/8 shift per 32, 8-weight points of a 2048-point ternary lattice (1.56 bits/weight)</source>
            <translation>llama.cpp IQ1_S：每超块 256 个权重，每 32 个一个 3 位缩放因子和 ±1/8 偏移，2048 点三值格中的 8 权重点（1.56 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp IQ1_M: 256-weight super-blocks, 3-bit scales per 16, a ±1/8 shift per 8, 8-weight points of a 2048-point ternary lattice (1.75 bits/weight)</source>
            <translation>llama.cpp IQ1_M：每超块 256 个权重，每 16 个一个 3 位缩放因子，每 8 个一个 ±1/8 偏移，2048 点三值格中的 8 权重点（1.75 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_XXS: 256-weight super-blocks, 4-bit scales per 32, 8-weight lattice points and signs (2.06 bits/weight)</source>
            <translation>llama.cpp IQ2_XXS：每超块 256 个权重，每 32 个一个 4 位缩放因子，8 权重格点及符号（2.06 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp IQ3_S: 256-weight super-blocks, 4-bit scales per 32, 4-weight points of a 512-point lattice and a sign per weight (3.44 bits/weight)</source>
            <translation>llama.cpp IQ3_S：每超块 256 个权重，每 32 个一个 4 位缩放因子，512 点格中的 4 权重点，每个权重一个符号（3.44 位/权重）</translation>
        </message>
        <message>
            <source>llama.cpp IQ3_XXS: 256-weight super-blocks, 4-bit scales per 32, 4-weight lattice points and signs (3.06 bits/weight)</source>
            <translation>llama.cpp IQ3_XXS：每超块 256 个权重，每 32 个一个 4 位缩放因子，4 权重格点及符号（3.06 位/权重）</translation>
        </message>
    </context>
</TS>
