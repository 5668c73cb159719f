<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>User interface language: en, de, zh_CN or hi.</source>
            <translation>User interface language: en, de, zh_CN or hi.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::BlockInspector</name>
        <message>
            <source>&amp;Tensor:</source>
            <translation>&amp;Tensor:</translation>
        </message>
        <message>
            <source>&amp;Precision:</source>
            <translation>&amp;Precision:</translation>
        </message>
        <message>
            <source>&amp;Row:</source>
            <translation>&amp;Row:</translation>
        </message>
        <message>
            <source>&amp;Block:</source>
            <translation>&amp;Block:</translation>
        </message>
        <message>
            <source>Add an &amp;outlier (×10)</source>
            <translation>Add an &amp;outlier (×10)</translation>
        </message>
        <message>
            <source>Multiplies the selected weight by 10: one large weight stretches its block's scale, and every other weight of the block loses resolution.</source>
            <translation>Multiplies the selected weight by 10: one large weight stretches its block's scale, and every other weight of the block loses resolution.</translation>
        </message>
        <message>
            <source>The format the block is stored in. Switch it to watch the grid coarsen under the same weights.</source>
            <translation>The format the block is stored in. Switch it to watch the grid coarsen under the same weights.</translation>
        </message>
        <message>
            <source>RMSE per block (click a block)</source>
            <translation>RMSE per block (click a block)</translation>
        </message>
        <message>
            <source>block</source>
            <translation>block</translation>
        </message>
        <message>
            <source>row</source>
            <translation>row</translation>
        </message>
        <message>
            <source>weight in block</source>
            <translation>weight in block</translation>
        </message>
        <message>
            <source>value</source>
            <translation>value</translation>
        </message>
        <message>
            <source>error</source>
            <translation>error</translation>
        </message>
        <message>
            <source>#</source>
            <translation>#</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>weight</translation>
        </message>
        <message>
            <source>code</source>
            <translation>code</translation>
        </message>
        <message>
            <source>level x̂</source>
            <translation>level x̂</translation>
        </message>
        <message>
            <source>Open a model to inspect its blocks.</source>
            <translation>Open a model to inspect its blocks.</translation>
        </message>
        <message>
            <source>%1 cannot store rows of %2 weights.</source>
            <translation>%1 cannot store rows of %2 weights.</translation>
        </message>
        <message>
            <source>grid levels (%1 in view of %2)</source>
            <translation>grid levels (%1 in view of %2)</translation>
        </message>
        <message>
            <source>original weight</source>
            <translation>original weight</translation>
        </message>
        <message>
            <source>reconstruction x̂ (its level)</source>
            <translation>reconstruction x̂ (its level)</translation>
        </message>
        <message>
            <source>outlier ×10</source>
            <translation>outlier ×10</translation>
        </message>
        <message>
            <source>Block %1 of row %2: weights %3–%4.</source>
            <translation>Block %1 of row %2: weights %3–%4.</translation>
        </message>
        <message>
            <source>Reconstruction: %1</source>
            <translation>Reconstruction: %1</translation>
        </message>
        <message>
            <source>Stored scale: %1</source>
            <translation>Stored scale: %1</translation>
        </message>
        <message>
            <source>Super-block %1 (256 weights): d = %2</source>
            <translation>Super-block %1 (256 weights): d = %2</translation>
        </message>
        <message>
            <source>, dmin = %1</source>
            <translation>, dmin = %1</translation>
        </message>
        <message>
            <source>Its %1 sub-block scales (%2-bit integers; this sub-block underlined): %3</source>
            <translation>Its %1 sub-block scales (%2-bit integers; this sub-block underlined): %3</translation>
        </message>
        <message>
            <source>Its %1 sub-block scales/mins (%2-bit integers; this sub-block underlined): %3</source>
            <translation>Its %1 sub-block scales/mins (%2-bit integers; this sub-block underlined): %3</translation>
        </message>
        <message>
            <source>Zero point: %1</source>
            <translation>Zero point: %1</translation>
        </message>
        <message>
            <source>Codes %1 … %2: %3 levels.</source>
            <translation>Codes %1 … %2: %3 levels.</translation>
        </message>
        <message>
            <source>Weight %1: %2</source>
            <translation>Weight %1: %2</translation>
        </message>
        <message>
            <source>Block RMSE %1, largest |error| %2.</source>
            <translation>Block RMSE %1, largest |error| %2.</translation>
        </message>
        <message>
            <source>With the outlier the scale is %1: the other weights share fewer levels.</source>
            <translation>With the outlier the scale is %1: the other weights share fewer levels.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::Language</name>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Language</translation>
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
            <translation>Live example:</translation>
        </message>
        <message>
            <source>Quantization primer</source>
            <translation>Quantization primer</translation>
        </message>
        <message>
            <source>No model is open: the examples use a synthetic tensor of %1 × %2 Gaussian weights.</source>
            <translation>No model is open: the examples use a synthetic tensor of %1 × %2 Gaussian weights.</translation>
        </message>
        <message>
            <source>The examples are computed from %1; per-tensor numbers use the first %2 rows of its largest tensor, %3 (%4 columns).</source>
            <translation>The examples are computed from %1; per-tensor numbers use the first %2 rows of its largest tensor, %3 (%4 columns).</translation>
        </message>
        <message>
            <source>the open model</source>
            <translation>the open model</translation>
        </message>
        <message>
            <source>this model's eligible weights: FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4.</source>
            <translation>this model's eligible weights: FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4.</translation>
        </message>
        <message numerus="yes">
            <source>(%n tensor(s) whose rows a format cannot split are counted as F16.)</source>
            <translation>
                <numerusform>(%n tensor whose rows a format cannot split is counted as F16.)</numerusform>
                <numerusform>(%n tensors whose rows a format cannot split are counted as F16.)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 weights: FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5.</source>
            <translation>%1 weights: FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5.</translation>
        </message>
        <message>
            <source>What quantization is</source>
            <translation>What quantization is</translation>
        </message>
        <message>
            <source>A model's weights are real numbers, normally stored with 32 or 16 bits each. Quantization stores each weight as a small integer code instead (8, 4 or even 2 bits) plus a few shared numbers that say how to turn codes back into values. The model becomes smaller and faster to move through memory; the price is that every weight is replaced by the nearest value the code can express.</source>
            <translation>A model's weights are real numbers, normally stored with 32 or 16 bits each. Quantization stores each weight as a small integer code instead (8, 4 or even 2 bits) plus a few shared numbers that say how to turn codes back into values. The model becomes smaller and faster to move through memory; the price is that every weight is replaced by the nearest value the code can express.</translation>
        </message>
        <message>
            <source>the first 32 weights of the tensor, in INT8 symmetric, get the scale s = %1; the largest of them, %2, is stored as code %3 and comes back as %4. Asymmetric INT8 uses s = %5 and zero point z = %6.</source>
            <translation>the first 32 weights of the tensor, in INT8 symmetric, get the scale s = %1; the largest of them, %2, is stored as code %3 and comes back as %4. Asymmetric INT8 uses s = %5 and zero point z = %6.</translation>
        </message>
        <message>
            <source>Scale and zero point</source>
            <translation>Scale and zero point</translation>
        </message>
        <message>
            <source>The scale s is the step between two neighbouring codes: a weight x is stored as the integer q = round(x / s) and read back as x̂ = s·q. A zero point z shifts the codes so that they can cover a range that is not centred on zero: x̂ = s·(q − z). The difference x̂ − x is the quantization error; it is at most half a step for weights inside the range.</source>
            <translation>The scale s is the step between two neighbouring codes: a weight x is stored as the integer q = round(x / s) and read back as x̂ = s·q. A zero point z shifts the codes so that they can cover a range that is not centred on zero: x̂ = s·(q − z). The difference x̂ − x is the quantization error; it is at most half a step for weights inside the range.</translation>
        </message>
        <message>
            <source>INT4 with a scale per 32 weights: symmetric RMSE %1, asymmetric %2. On the same weights made all positive (|x|, like activations after a ReLU) symmetric wastes its negative codes: RMSE %3 against %4.</source>
            <translation>INT4 with a scale per 32 weights: symmetric RMSE %1, asymmetric %2. On the same weights made all positive (|x|, like activations after a ReLU) symmetric wastes its negative codes: RMSE %3 against %4.</translation>
        </message>
        <message>
            <source>Symmetric or asymmetric</source>
            <translation>Symmetric or asymmetric</translation>
        </message>
        <message>
            <source>Symmetric quantization puts zero in the middle of the grid and only needs a scale: it fits weights spread evenly around zero, as most are. Asymmetric quantization also stores a zero point (or a minimum) and places its grid over the actual range from the smallest to the largest weight, so no code is wasted when the values lean to one side.</source>
            <translation>Symmetric quantization puts zero in the middle of the grid and only needs a scale: it fits weights spread evenly around zero, as most are. Asymmetric quantization also stores a zero point (or a minimum) and places its grid over the actual range from the smallest to the largest weight, so no code is wasted when the values lean to one side.</translation>
        </message>
        <message>
            <source>INT4 symmetric on this tensor: one scale for the tensor SQNR %1, one per row %2, one per 32 weights %3 (at %4, %5 and %6 bits per weight).</source>
            <translation>INT4 symmetric on this tensor: one scale for the tensor SQNR %1, one per row %2, one per 32 weights %3 (at %4, %5 and %6 bits per weight).</translation>
        </message>
        <message>
            <source>Per tensor, per channel, per group</source>
            <translation>Per tensor, per channel, per group</translation>
        </message>
        <message>
            <source>One scale can serve a whole tensor, each row (output channel), or each small group of weights along a row. The scale has to stretch over the largest weight it covers, so a single large weight coarsens the grid for everything sharing its scale. Smaller groups follow the weights more closely but need more scales.</source>
            <translation>One scale can serve a whole tensor, each row (output channel), or each small group of weights along a row. The scale has to stretch over the largest weight it covers, so a single large weight coarsens the grid for everything sharing its scale. Smaller groups follow the weights more closely but need more scales.</translation>
        </message>
        <message>
            <source>Q4_0 (a 16-bit scale per 32 weights): %1 bits per weight, SQNR %2. Q4_K (super-blocks of 256 with 6-bit scales and mins per 32): %3 bits per weight, SQNR %4.</source>
            <translation>Q4_0 (a 16-bit scale per 32 weights): %1 bits per weight, SQNR %2. Q4_K (super-blocks of 256 with 6-bit scales and mins per 32): %3 bits per weight, SQNR %4.</translation>
        </message>
        <message>
            <source>(this tensor's rows are not a multiple of 256, so the K-quants do not apply to it.)</source>
            <translation>(this tensor's rows are not a multiple of 256, so the K-quants do not apply to it.)</translation>
        </message>
        <message>
            <source>Blocks and super-blocks</source>
            <translation>Blocks and super-blocks</translation>
        </message>
        <message>
            <source>llama.cpp's formats cut every row into blocks of 32 weights, each with its own 16-bit scale (Q8_0, Q4_0, ...). The K-quants group 8 or 16 such sub-blocks into a super-block of 256 weights: the super-block keeps one or two 16-bit numbers, and each sub-block's scale is itself quantized to 4, 6 or 8 bits relative to them. Scales stay local, but cost much less. The block inspector shows all of this for any block of the model.</source>
            <translation>llama.cpp's formats cut every row into blocks of 32 weights, each with its own 16-bit scale (Q8_0, Q4_0, ...). The K-quants group 8 or 16 such sub-blocks into a super-block of 256 weights: the super-block keeps one or two 16-bit numbers, and each sub-block's scale is itself quantized to 4, 6 or 8 bits relative to them. Scales stay local, but cost much less. The block inspector shows all of this for any block of the model.</translation>
        </message>
        <message>
            <source>%1: %2 → %3</source>
            <translation>%1: %2 → %3</translation>
        </message>
        <message>
            <source>What bits per weight really cost</source>
            <translation>What bits per weight really cost</translation>
        </message>
        <message>
            <source>A "4-bit" format never costs exactly 4 bits per weight: every scale, zero point and minimum is stored too and shared by the weights of its block. A 16-bit scale per 32 weights adds 0.5 bit to each of them, a scale and a minimum add 1 bit.</source>
            <translation>A "4-bit" format never costs exactly 4 bits per weight: every scale, zero point and minimum is stored too and shared by the weights of its block. A 16-bit scale per 32 weights adds 0.5 bit to each of them, a scale and a minimum add 1 bit.</translation>
        </message>
        <message>
            <source>code bits → bits per weight with everything counted, on this tensor: %1.</source>
            <translation>code bits → bits per weight with everything counted, on this tensor: %1.</translation>
        </message>
        <message>
            <source>on this tensor Q8_0 keeps an SQNR of %1, Q4_0 %2, Q2_K %3 (every 10 dB is ten times less error power).</source>
            <translation>on this tensor Q8_0 keeps an SQNR of %1, Q4_0 %2, Q2_K %3 (every 10 dB is ten times less error power).</translation>
        </message>
        <message>
            <source>A video analogy</source>
            <translation>A video analogy</translation>
        </message>
        <message>
            <source>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</source>
            <translation>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</translation>
        </message>
    </context>
</TS>
