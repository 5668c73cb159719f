<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>User interface language: en, de, zh_CN or hi.</source>
            <translation>用户界面语言:en、de、zh_CN 或 hi。</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::BlockInspector</name>
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
            <source>RMSE per block (click a block)</source>
            <translation>每块的 RMSE(点击一个块)</translation>
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
            <source>reconstruction x̂ (its level)</source>
            <translation>重建值 x̂(对应级别)</translation>
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
            <source>Zero point: %1</source>
            <translation>零点:%1</translation>
        </message>
        <message>
            <source>Codes %1 … %2: %3 levels.</source>
            <translation>编码 %1 … %2:共 %3 个级别。</translation>
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
            <source>QuantScope</source>
            <translation>QuantScope</translation>
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
        <message numerus="yes">
            <source>(%n tensor(s) whose rows a format cannot split are counted as F16.)</source>
            <translation>
                <numerusform>(有 %n 个张量的行无法被该格式切分,按 F16 计算。)</numerusform>
            </translation>
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
            <source>on this tensor Q8_0 keeps an SQNR of %1, Q4_0 %2, Q2_K %3 (every 10 dB is ten times less error power).</source>
            <translation>在本张量上 Q8_0 的 SQNR 为 %1,Q4_0 为 %2,Q2_K 为 %3(每 10 dB 表示误差功率降低为十分之一)。</translation>
        </message>
        <message>
            <source>A video analogy</source>
            <translation>一个视频类比</translation>
        </message>
        <message>
            <source>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</source>
            <translation>想象一个视频流:Q8 像 1440p,几乎分辨不出与原片的差别;Q4 像 720p,仔细看明显更模糊,但完全可以观看;Q2 像 360p,情节还在,细节却丢了。和视频一样,更小的文件往往是正确的选择,只要你清楚它的代价。</translation>
        </message>
    </context>
</TS>
