<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>User interface language: en, de, zh_CN or hi.</source>
            <translation>User interface language: en, de, zh_CN or hi.</translation>
        </message>
        <message>
            <source>Explore what quantization does to a model's weights.</source>
            <translation>Explore what quantization does to a model's weights.</translation>
        </message>
        <message>
            <source>GGUF file, .safetensors file or folder, or llama2.c checkpoint to open.</source>
            <translation>GGUF file, .safetensors file or folder, or llama2.c checkpoint to open.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::BlockInspector</name>
        <message>
            <source>&amp;Error feedback</source>
            <translation>&amp;Error feedback</translation>
        </message>
        <message>
            <source>Show the codes error-feedback rounding stores for this row (GPTQ-style, with the input moments of the last Run's calibration stream) instead of the format's own rounding.</source>
            <translation>Show the codes error-feedback rounding stores for this row (GPTQ-style, with the input moments of the last Run's calibration stream) instead of the format's own rounding.</translation>
        </message>
        <message>
            <source>Run with Analysis ▸ Use Error-Feedback Rounding and Evaluate Model Accuracy first: error feedback needs the input moments of a calibration stream (block formats only).</source>
            <translation>Run with Analysis ▸ Use Error-Feedback Rounding and Evaluate Model Accuracy first: error feedback needs the input moments of a calibration stream (block formats only).</translation>
        </message>
        <message>
            <source>Codes by error-feedback rounding: each weight's rounding error is passed on to the row's later weights through the calibration's input moments, so a weight may not sit on its nearest level; the layer's output moves less.</source>
            <translation>Codes by error-feedback rounding: each weight's rounding error is passed on to the row's later weights through the calibration's input moments, so a weight may not sit on its nearest level; the layer's output moves less.</translation>
        </message>
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
            <source>RMSE per block: every block shown is stored exactly (error 0)</source>
            <translation>RMSE per block: every block shown is stored exactly (error 0)</translation>
        </message>
        <message>
            <source>RMSE per block (click a block)</source>
            <translation>RMSE per block (click a block)</translation>
        </message>
        <message>
            <source>RMSE per block: computing…</source>
            <translation>RMSE per block: computing…</translation>
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
            <source>Reading %1…</source>
            <translation>Reading %1…</translation>
        </message>
        <message>
            <source>Computing the error-feedback rounding of row %1…</source>
            <translation>Computing the error-feedback rounding of row %1…</translation>
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
            <source>Codebook: each group of %1 weights is one of the grid's %2 points (its index stored, not the weights' levels one by one), times the sub-block scale %3, with a sign per weight:</source>
            <translation>Codebook: each group of %1 weights is one of the grid's %2 points (its index stored, not the weights' levels one by one), times the sub-block scale %3, with a sign per weight:</translation>
        </message>
        <message>
            <source>Weights %1–%2: point %3 = (%4), signs %5</source>
            <translation>Weights %1–%2: point %3 = (%4), signs %5</translation>
        </message>
        <message>
            <source>Signs in italics are not stored: every 8 weights have an even number of minus signs, so 7 bits hold the 8 signs.</source>
            <translation>Signs in italics are not stored: every 8 weights have an even number of minus signs, so 7 bits hold the 8 signs.</translation>
        </message>
        <message>
            <source>Codebook: each group of %1 weights is one of the grid's %2 points of values −1, 0 and 1 (its index stored), shifted by ±1/8, times the sub-block scale %3:</source>
            <translation>Codebook: each group of %1 weights is one of the grid's %2 points of values −1, 0 and 1 (its index stored), shifted by ±1/8, times the sub-block scale %3:</translation>
        </message>
        <message>
            <source>Weights %1–%2: point %3 = (%4), shifted by %5</source>
            <translation>Weights %1–%2: point %3 = (%4), shifted by %5</translation>
        </message>
        <message>
            <source>Zero point: %1</source>
            <translation>Zero point: %1</translation>
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
        <message>
            <source>reconstruction (the level it rounds to)</source>
            <translation>reconstruction (the level it rounds to)</translation>
        </message>
        <message numerus="yes">
            <source>Its blocks hold %n weight(s), and %1 is not a multiple of that.</source>
            <translation>
                <numerusform>Its blocks hold %n weight, and %1 is not a multiple of that.</numerusform>
                <numerusform>Its blocks hold %n weights, and %1 is not a multiple of that.</numerusform>
            </translation>
        </message>
        <message>
            <source>The scale is negative: as in llama.cpp, it is the block's weight of largest magnitude divided by the code at one end of the range, and that weight is negative here. Codes and scale change sign together, so d·q gives the same values.</source>
            <translation>The scale is negative: as in llama.cpp, it is the block's weight of largest magnitude divided by the code at one end of the range, and that weight is negative here. Codes and scale change sign together, so d·q gives the same values.</translation>
        </message>
        <message>
            <source>Codes %1 … %2: %3 of %4 levels used by this block.</source>
            <translation>Codes %1 … %2: %3 of %4 levels used by this block.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::ExportDialog</name>
        <message>
            <source>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them). The bytes are ordinary llama.cpp blocks. Takes several times as long as a plain export.</source>
            <translation>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them). The bytes are ordinary llama.cpp blocks. Takes several times as long as a plain export.</translation>
        </message>
        <message>
            <source>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them), stored as their values (fake-quant). Takes several times as long as a plain export.</source>
            <translation>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them), stored as their values (fake-quant). Takes several times as long as a plain export.</translation>
        </message>
        <message>
            <source>Needs a llama-shaped model: error feedback runs the model on its calibration stream</source>
            <translation>Needs a llama-shaped model: error feedback runs the model on its calibration stream</translation>
        </message>
        <message>
            <source>Error-feedback rounding</source>
            <translation>Error-feedback rounding</translation>
        </message>
        <message>
            <source>Export Quantized Model</source>
            <translation>Export Quantized Model</translation>
        </message>
        <message>
            <source>Current plan (model browser)</source>
            <translation>Current plan (model browser)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>Precision:</translation>
        </message>
        <message>
            <source>GGUF (llama.cpp)</source>
            <translation>GGUF (llama.cpp)</translation>
        </message>
        <message>
            <source>Fake-quant safetensors</source>
            <translation>Fake-quant safetensors</translation>
        </message>
        <message>
            <source>Real quantized tensors that llama.cpp loads</source>
            <translation>Real quantized tensors that llama.cpp loads</translation>
        </message>
        <message>
            <source>Dequantized values in the source dtype (how the INT/NF4 family exports)</source>
            <translation>Dequantized values in the source dtype (how the INT/NF4 family exports)</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Format:</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Browse…</translation>
        </message>
        <message>
            <source>File:</source>
            <translation>File:</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>Export To</source>
            <translation>Export To</translation>
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
            <translation>&amp;Language</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::MainWindow</name>
        <message>
            <source>%1 tokens sampled with seed %2</source>
            <translation>%1 tokens sampled with seed %2</translation>
        </message>
        <message>
            <source>the token file %1</source>
            <translation>the token file %1</translation>
        </message>
        <message>
            <source>the text file %1</source>
            <translation>the text file %1</translation>
        </message>
        <message>
            <source>QuantScope</source>
            <translation>QuantScope</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Model</translation>
        </message>
        <message>
            <source>Could not open the model</source>
            <translation>Could not open the model</translation>
        </message>
        <message>
            <source>Cannot open model</source>
            <translation>Cannot open model</translation>
        </message>
        <message>
            <source>Weights: whole model (%1)</source>
            <translation>Weights: whole model (%1)</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>&amp;Open…</translation>
        </message>
        <message>
            <source>Open a GGUF file, a .safetensors file or a llama2.c checkpoint</source>
            <translation>Open a GGUF file, a .safetensors file or a llama2.c checkpoint</translation>
        </message>
        <message>
            <source>Open Model</source>
            <translation>Open Model</translation>
        </message>
        <message>
            <source>Models (*.gguf *.safetensors *.bin *.json);;All files (*)</source>
            <translation>Models (*.gguf *.safetensors *.bin *.json);;All files (*)</translation>
        </message>
        <message>
            <source>&amp;Export Quantized Model…</source>
            <translation>&amp;Export Quantized Model…</translation>
        </message>
        <message>
            <source>Write the model at a precision or the current plan as GGUF or fake-quant safetensors</source>
            <translation>Write the model at a precision or the current plan as GGUF or fake-quant safetensors</translation>
        </message>
        <message>
            <source>Open &amp;Demo Model</source>
            <translation>Open &amp;Demo Model</translation>
        </message>
        <message>
            <source>Export &amp;Table…</source>
            <translation>Export &amp;Table…</translation>
        </message>
        <message>
            <source>Export Table</source>
            <translation>Export Table</translation>
        </message>
        <message>
            <source>CSV (*.csv);;Markdown (*.md)</source>
            <translation>CSV (*.csv);;Markdown (*.md)</translation>
        </message>
        <message>
            <source>Export &amp;Plot…</source>
            <translation>Export &amp;Plot…</translation>
        </message>
        <message>
            <source>Export Plot</source>
            <translation>Export Plot</translation>
        </message>
        <message>
            <source>PNG image (*.png);;PDF document (*.pdf)</source>
            <translation>PNG image (*.png);;PDF document (*.pdf)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Quit</translation>
        </message>
        <message>
            <source>&amp;Copy Table Rows</source>
            <translation>&amp;Copy Table Rows</translation>
        </message>
        <message>
            <source>Log &amp;Scale</source>
            <translation>Log &amp;Scale</translation>
        </message>
        <message>
            <source>&amp;Theme Follows the System</source>
            <translation>&amp;Theme Follows the System</translation>
        </message>
        <message>
            <source>&amp;About QuantScope</source>
            <translation>&amp;About QuantScope</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>Open &amp;Recent</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>&amp;Analysis</source>
            <translation>&amp;Analysis</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>&amp;View</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>About &amp;Qt</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Ready</translation>
        </message>
        <message>
            <source>&amp;Clear</source>
            <translation>&amp;Clear</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>Opening %1…</translation>
        </message>
        <message>
            <source>Building the synthetic demo model…</source>
            <translation>Building the synthetic demo model…</translation>
        </message>
        <message>
            <source>Cannot build the demo model</source>
            <translation>Cannot build the demo model</translation>
        </message>
        <message>
            <source>Press Run to compare the checked precisions over the whole model</source>
            <translation>Press Run to compare the checked precisions over the whole model</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>Computing…</translation>
        </message>
        <message>
            <source>%1 — QuantScope</source>
            <translation>%1 — QuantScope</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n tensor(s)</source>
            <translation>
                <numerusform>%1: %n tensor</numerusform>
                <numerusform>%1: %n tensors</numerusform>
            </translation>
        </message>
        <message>
            <source>Computing the whole model's histogram…</source>
            <translation>Computing the whole model's histogram…</translation>
        </message>
        <message>
            <source>Computing %1…</source>
            <translation>Computing %1…</translation>
        </message>
        <message>
            <source>Nothing to run</source>
            <translation>Nothing to run</translation>
        </message>
        <message>
            <source>Open a model first.</source>
            <translation>Open a model first.</translation>
        </message>
        <message>
            <source>Check at least one precision to run.</source>
            <translation>Check at least one precision to run.</translation>
        </message>
        <message>
            <source>Running %1 over %2…</source>
            <translation>Running %1 over %2…</translation>
        </message>
        <message>
            <source>Cancelling the export…</source>
            <translation>Cancelling the export…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <source>Run cancelled</source>
            <translation>Run cancelled</translation>
        </message>
        <message>
            <source>Run failed</source>
            <translation>Run failed</translation>
        </message>
        <message numerus="yes">
            <source>Compared %n precision(s) in %1 s</source>
            <translation>
                <numerusform>Compared %n precision in %1 s</numerusform>
                <numerusform>Compared %n precisions in %1 s</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>Cannot export</translation>
        </message>
        <message>
            <source>Exporting %1…</source>
            <translation>Exporting %1…</translation>
        </message>
        <message>
            <source>Export cancelled</source>
            <translation>Export cancelled</translation>
        </message>
        <message>
            <source>Export cancelled; nothing was written</source>
            <translation>Export cancelled; nothing was written</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>Export failed</translation>
        </message>
        <message>
            <source>Wrote %1 (%2) in %3 s</source>
            <translation>Wrote %1 (%2) in %3 s</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>Table written to %1</source>
            <translation>Table written to %1</translation>
        </message>
        <message>
            <source>%1: cannot write the plot</source>
            <translation>%1: cannot write the plot</translation>
        </message>
        <message>
            <source>Plot written to %1</source>
            <translation>Plot written to %1</translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s)</source>
            <translation>
                <numerusform>Copied %n row</numerusform>
                <numerusform>Copied %n rows</numerusform>
            </translation>
        </message>
        <message>
            <source>About QuantScope</source>
            <translation>About QuantScope</translation>
        </message>
        <message numerus="yes">
            <source>accuracy on %n position(s), reference perplexity %1</source>
            <translation>
                <numerusform>accuracy on %n position, reference perplexity %1</numerusform>
                <numerusform>accuracy on %n positions, reference perplexity %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Plan for size: %1 tensors planned, %2 (%3 bits/weight), KL %4</source>
            <translation>Plan for size: %1 tensors planned, %2 (%3 bits/weight), KL %4</translation>
        </message>
        <message>
            <source>Open &amp;Built-in Model</source>
            <translation>Open &amp;Built-in Model</translation>
        </message>
        <message>
            <source>Cannot open the built-in model</source>
            <translation>Cannot open the built-in model</translation>
        </message>
        <message>
            <source>Open a model to compare precisions.</source>
            <translation>Open a model to compare precisions.</translation>
        </message>
        <message>
            <source>Whole model: press Run (F5) to quantize every tensor at the checked precisions; one row per precision.</source>
            <translation>Whole model: press Run (F5) to quantize every tensor at the checked precisions; one row per precision.</translation>
        </message>
        <message>
            <source>Whole model: each row quantizes every eligible tensor at one precision (hover a row for its formats and fallbacks).</source>
            <translation>Whole model: each row quantizes every eligible tensor at one precision (hover a row for its formats and fallbacks).</translation>
        </message>
        <message>
            <source>Turn on Analysis &gt; Evaluate Model Accuracy for KL and perplexity.</source>
            <translation>Turn on Analysis &gt; Evaluate Model Accuracy for KL and perplexity.</translation>
        </message>
        <message>
            <source>This synthetic demo has random-like weights: its perplexity (in the thousands) and Δ perplexity mean little; the built-in stories260K model (File &gt; Open Built-in Model) is a real one.</source>
            <translation>This synthetic demo has random-like weights: its perplexity (in the thousands) and Δ perplexity mean little; the built-in stories260K model (File &gt; Open Built-in Model) is a real one.</translation>
        </message>
        <message>
            <source>&lt;h3&gt;QuantScope %1&lt;/h3&gt;&lt;p&gt;See what quantization does to a language model's weights.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;br&gt;QCustomPlot %4&lt;br&gt;Eigen %5&lt;/p&gt;&lt;p&gt;Built-in model: stories260K by Andrej Karpathy (llama2.c, MIT licence).&lt;/p&gt;</source>
            <translation>&lt;h3&gt;QuantScope %1&lt;/h3&gt;&lt;p&gt;See what quantization does to a language model's weights.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;br&gt;QCustomPlot %4&lt;br&gt;Eigen %5&lt;/p&gt;&lt;p&gt;Built-in model: stories260K by Andrej Karpathy (llama2.c, MIT licence).&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Plan %1 bpw + error feedback</source>
            <translation>Plan %1 bpw + error feedback</translation>
        </message>
        <message>
            <source>Plan %1 bpw + imatrix</source>
            <translation>Plan %1 bpw + imatrix</translation>
        </message>
        <message>
            <source>Plan %1 bpw</source>
            <translation>Plan %1 bpw</translation>
        </message>
        <message>
            <source>stories260K: a real 260K-parameter llama trained on TinyStories (MIT), built into QuantScope</source>
            <translation>stories260K: a real 260K-parameter llama trained on TinyStories (MIT), built into QuantScope</translation>
        </message>
        <message>
            <source>A synthetic llama-shaped model built in memory (12 M parameters) with random-like weights: shapes and sizes are real, its perplexity is meaningless</source>
            <translation>A synthetic llama-shaped model built in memory (12 M parameters) with random-like weights: shapes and sizes are real, its perplexity is meaningless</translation>
        </message>
        <message>
            <source>Turn on Analysis &gt; Measure Speed for tokens/s.</source>
            <translation>Turn on Analysis &gt; Measure Speed for tokens/s.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::EvaluationController</name>
        <message>
            <source>How many tokens the sampled calibration stream of the importance matrix and error feedback has (quantscope-cli --calib-sample; default %1). More take proportionally longer; on a small model they lower error feedback's KL (stories260K at Q4_0: 0.51× plain with 1024, 0.49× with 8192).</source>
            <translation>How many tokens the sampled calibration stream of the importance matrix and error feedback has (quantscope-cli --calib-sample; default %1). More take proportionally longer; on a small model they lower error feedback's KL (stories260K at Q4_0: 0.51× plain with 1024, 0.49× with 8192).</translation>
        </message>
        <message>
            <source>Calibration T&amp;okens (%1)…</source>
            <translation>Calibration T&amp;okens (%1)…</translation>
        </message>
        <message>
            <source>Tokens sampled for the importance matrix and error feedback:</source>
            <translation>Tokens sampled for the importance matrix and error feedback:</translation>
        </message>
        <message>
            <source>Calibration Tokens</source>
            <translation>Calibration Tokens</translation>
        </message>
        <message>
            <source>Evaluate on Text File</source>
            <translation>Evaluate on Text File</translation>
        </message>
        <message>
            <source>Text files (*.txt);;All files (*)</source>
            <translation>Text files (*.txt);;All files (*)</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Accuracy</translation>
        </message>
        <message>
            <source>Evaluate Model &amp;Accuracy</source>
            <translation>Evaluate Model &amp;Accuracy</translation>
        </message>
        <message>
            <source>Evaluate accuracy</source>
            <translation>Evaluate accuracy</translation>
        </message>
        <message>
            <source>Run also runs the model: on %1 tokens sampled from the original model (seed %2, as quantscope-cli compare --eval does), each precision's mean and p99 KL divergence of the next-token distribution, top-1 agreement and perplexity. A few seconds on the 12 M demo model. Needs a llama-shaped model.</source>
            <translation>Run also runs the model: on %1 tokens sampled from the original model (seed %2, as quantscope-cli compare --eval does), each precision's mean and p99 KL divergence of the next-token distribution, top-1 agreement and perplexity. A few seconds on the 12 M demo model. Needs a llama-shaped model.</translation>
        </message>
        <message>
            <source>Run also runs the model: on the text file %1, tokenized with the model's own tokenizer and scored in windows as llama-perplexity does (quantscope-cli compare --eval --text), each precision's mean and p99 KL divergence, top-1 agreement and perplexity. Needs a llama-shaped model with a real tokenizer.</source>
            <translation>Run also runs the model: on the text file %1, tokenized with the model's own tokenizer and scored in windows as llama-perplexity does (quantscope-cli compare --eval --text), each precision's mean and p99 KL divergence, top-1 agreement and perplexity. Needs a llama-shaped model with a real tokenizer.</translation>
        </message>
        <message>
            <source>Evaluate on &amp;Text File…</source>
            <translation>Evaluate on &amp;Text File…</translation>
        </message>
        <message>
            <source>Calibrate on Text File</source>
            <translation>Calibrate on Text File</translation>
        </message>
        <message>
            <source>Calibrate on Te&amp;xt File…</source>
            <translation>Calibrate on Te&amp;xt File…</translation>
        </message>
        <message>
            <source>Calibrate the importance matrix and error feedback on a text file of yours instead of sampled tokens (tokenized with the model's own tokenizer; another file than the evaluation text). Uncheck to calibrate on sampled tokens again.</source>
            <translation>Calibrate the importance matrix and error feedback on a text file of yours instead of sampled tokens (tokenized with the model's own tokenizer; another file than the evaluation text). Uncheck to calibrate on sampled tokens again.</translation>
        </message>
        <message>
            <source>Calibrating on the text file %1. Uncheck to calibrate on sampled tokens again.</source>
            <translation>Calibrating on the text file %1. Uncheck to calibrate on sampled tokens again.</translation>
        </message>
        <message>
            <source>Also quantize every precision with an importance matrix (mean squared activations over the text file %1) and show it as a second row “&lt;type&gt; + imatrix”</source>
            <translation>Also quantize every precision with an importance matrix (mean squared activations over the text file %1) and show it as a second row “&lt;type&gt; + imatrix”</translation>
        </message>
        <message>
            <source>Calibrated on the text file %1 instead.</source>
            <translation>Calibrated on the text file %1 instead.</translation>
        </message>
        <message>
            <source>Evaluate on a text file of yours instead of sampled tokens: tokenized with the model's own tokenizer, windows of the context length, the second half of each scored (as llama-perplexity). Uncheck to evaluate on sampled tokens again.</source>
            <translation>Evaluate on a text file of yours instead of sampled tokens: tokenized with the model's own tokenizer, windows of the context length, the second half of each scored (as llama-perplexity). Uncheck to evaluate on sampled tokens again.</translation>
        </message>
        <message>
            <source>Use &amp;Importance Matrix</source>
            <translation>Use &amp;Importance Matrix</translation>
        </message>
        <message>
            <source>+ imatrix</source>
            <translation>+ imatrix</translation>
        </message>
        <message>
            <source>Also quantize every precision with an importance matrix (mean squared activations over %1 tokens sampled with seed %2, a different stream from the evaluation one) and show it as a second row “&lt;type&gt; + imatrix”</source>
            <translation>Also quantize every precision with an importance matrix (mean squared activations over %1 tokens sampled with seed %2, a different stream from the evaluation one) and show it as a second row “&lt;type&gt; + imatrix”</translation>
        </message>
        <message>
            <source>Use Error-&amp;Feedback Rounding</source>
            <translation>Use Error-&amp;Feedback Rounding</translation>
        </message>
        <message>
            <source>+ error feedback</source>
            <translation>+ error feedback</translation>
        </message>
        <message>
            <source>Also quantize every precision with error-feedback rounding (GPTQ-style: each weight matrix is rounded so that its output on %1 tokens sampled with seed %2, a different stream from the evaluation one, changes least; the bytes are ordinary llama.cpp blocks, as quantscope-cli quantize --error-feedback writes them) and show it as a row “&lt;type&gt; + error feedback”. Collecting each matrix's input moments takes memory growing with the square of its width: meant for small models.</source>
            <translation>Also quantize every precision with error-feedback rounding (GPTQ-style: each weight matrix is rounded so that its output on %1 tokens sampled with seed %2, a different stream from the evaluation one, changes least; the bytes are ordinary llama.cpp blocks, as quantscope-cli quantize --error-feedback writes them) and show it as a row “&lt;type&gt; + error feedback”. Collecting each matrix's input moments takes memory growing with the square of its width: meant for small models.</translation>
        </message>
        <message>
            <source>Measure S&amp;peed</source>
            <translation>Measure S&amp;peed</translation>
        </message>
        <message>
            <source>Measure speed</source>
            <translation>Measure speed</translation>
        </message>
        <message numerus="yes">
            <source>Run also measures how fast the model runs on its quantized weights, as quantscope-cli bench-model does: decode tokens/s (128 tokens one at a time after a 16-token prompt, llama-bench's tg128) and prompt tokens/s (one 512-token batch, pp512; both at most the context length) with %n thread(s), for the opened model as stored (a source row) and for each precision; “speed ×” is the decode speed over the source's. Needs a llama-shaped model.</source>
            <translation>
                <numerusform>Run also measures how fast the model runs on its quantized weights, as quantscope-cli bench-model does: decode tokens/s (128 tokens one at a time after a 16-token prompt, llama-bench's tg128) and prompt tokens/s (one 512-token batch, pp512; both at most the context length) with %n thread, for the opened model as stored (a source row) and for each precision; “speed ×” is the decode speed over the source's. Needs a llama-shaped model.</numerusform>
                <numerusform>Run also measures how fast the model runs on its quantized weights, as quantscope-cli bench-model does: decode tokens/s (128 tokens one at a time after a 16-token prompt, llama-bench's tg128) and prompt tokens/s (one 512-token batch, pp512; both at most the context length) with %n threads, for the opened model as stored (a source row) and for each precision; “speed ×” is the decode speed over the source's. Needs a llama-shaped model.</numerusform>
            </translation>
        </message>
        <message>
            <source>T&amp;hreads</source>
            <translation>T&amp;hreads</translation>
        </message>
        <message>
            <source>How many threads QuantScope computes with (quantizing, evaluating, measuring speed); like quantscope-cli --threads. Applies to work started afterwards.</source>
            <translation>How many threads QuantScope computes with (quantizing, evaluating, measuring speed); like quantscope-cli --threads. Applies to work started afterwards.</translation>
        </message>
        <message numerus="yes">
            <source>&amp;All Cores (%n)</source>
            <translation>
                <numerusform>&amp;All Cores (%n)</numerusform>
                <numerusform>&amp;All Cores (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Acti&amp;vations</source>
            <translation>Acti&amp;vations</translation>
        </message>
        <message>
            <source>&amp;llama.cpp: Quantized Activations</source>
            <translation>&amp;llama.cpp: Quantized Activations</translation>
        </message>
        <message>
            <source>&amp;Float Activations (Weights Only)</source>
            <translation>&amp;Float Activations (Weights Only)</translation>
        </message>
        <message>
            <source>Activations:</source>
            <translation>Activations:</translation>
        </message>
        <message>
            <source>float</source>
            <translation>float</translation>
        </message>
        <message>
            <source>How activations meet the weights when the model runs (accuracy, speed, sensitivity, plan for size). llama.cpp (default): each activation row is quantized to the format's vec-dot type (Q8_0, Q8_1 or Q8_K) as llama.cpp does, so the KL is the one llama.cpp gives for the exported file. float: activations stay float, the KL of the weights' rounding alone. Changing it clears the results measured with the other mode and redoes the last Run.</source>
            <translation>How activations meet the weights when the model runs (accuracy, speed, sensitivity, plan for size). llama.cpp (default): each activation row is quantized to the format's vec-dot type (Q8_0, Q8_1 or Q8_K) as llama.cpp does, so the KL is the one llama.cpp gives for the exported file. float: activations stay float, the KL of the weights' rounding alone. Changing it clears the results measured with the other mode and redoes the last Run.</translation>
        </message>
        <message>
            <source>Not a llama-shaped model: its accuracy cannot be measured</source>
            <translation>Not a llama-shaped model: its accuracy cannot be measured</translation>
        </message>
        <message>
            <source>Not a llama-shaped model: its speed cannot be measured</source>
            <translation>Not a llama-shaped model: its speed cannot be measured</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SensitivityController</name>
        <message>
            <source>Most sensitive at %1: %2 (KL %3)</source>
            <translation>Most sensitive at %1: %2 (KL %3)</translation>
        </message>
        <message>
            <source>Sensitivity</source>
            <translation>Sensitivity</translation>
        </message>
        <message>
            <source>Tensor &amp;Sensitivity</source>
            <translation>Tensor &amp;Sensitivity</translation>
        </message>
        <message>
            <source>KL divergence when only one tensor (or layer) is quantized, ranked</source>
            <translation>KL divergence when only one tensor (or layer) is quantized, ranked</translation>
        </message>
        <message>
            <source>Plan for Si&amp;ze…</source>
            <translation>Plan for Si&amp;ze…</translation>
        </message>
        <message>
            <source>Mixed precision for a size target: the per-tensor plan with the least KL</source>
            <translation>Mixed precision for a size target: the per-tensor plan with the least KL</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::TeachingController</name>
        <message>
            <source>What's &amp;This?</source>
            <translation>What's &amp;This?</translation>
        </message>
        <message>
            <source>Explain in the quantization primer</source>
            <translation>Explain in the quantization primer</translation>
        </message>
        <message>
            <source>Block inspector</source>
            <translation>Block inspector</translation>
        </message>
        <message>
            <source>&amp;Block Inspector</source>
            <translation>&amp;Block Inspector</translation>
        </message>
        <message>
            <source>One block of a tensor: its weights, the grid of levels, codes, scales and formula</source>
            <translation>One block of a tensor: its weights, the grid of levels, codes, scales and formula</translation>
        </message>
        <message>
            <source>Quantization &amp;Primer</source>
            <translation>Quantization &amp;Primer</translation>
        </message>
        <message>
            <source>What quantization is, with examples computed from the open model</source>
            <translation>What quantization is, with examples computed from the open model</translation>
        </message>
        <message>
            <source>Right-click a column to read about it in the quantization primer</source>
            <translation>Right-click a column to read about it in the quantization primer</translation>
        </message>
        <message>
            <source>Click a control to read what it shows, with a link into the quantization primer</source>
            <translation>Click a control to read what it shows, with a link into the quantization primer</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::ModelBrowser</name>
        <message>
            <source>(keep)</source>
            <translation>(keep)</translation>
        </message>
        <message>
            <source>Filter tensors…</source>
            <translation>Filter tensors…</translation>
        </message>
        <message>
            <source>Fill the plan column from a preset</source>
            <translation>Fill the plan column from a preset</translation>
        </message>
        <message>
            <source>Plan preset…</source>
            <translation>Plan preset…</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Shape</source>
            <translation>Shape</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>Parameters</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>Plan</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>No model</translation>
        </message>
        <message>
            <source>Layer %1</source>
            <translation>Layer %1</translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s)</source>
            <translation>
                <numerusform>%n tensor</numerusform>
                <numerusform>%n tensors</numerusform>
            </translation>
        </message>
        <message>
            <source>Double-click to set the target type of this tensor (applies to every selected tensor)</source>
            <translation>Double-click to set the target type of this tensor (applies to every selected tensor)</translation>
        </message>
        <message>
            <source>Open a model (File ▸ Open…) or drop a file here.</source>
            <translation>Open a model (File ▸ Open…) or drop a file here.</translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s) · %1 parameters · size now %2 · after the plan %3 (%4 bits/weight)</source>
            <translation>
                <numerusform>%n tensor · %1 parameters · size now %2 · after the plan %3 (%4 bits/weight)</numerusform>
                <numerusform>%n tensors · %1 parameters · size now %2 · after the plan %3 (%4 bits/weight)</numerusform>
            </translation>
        </message>
        <message>
            <source>Tensor name, grouped by layer</source>
            <translation>Tensor name, grouped by layer</translation>
        </message>
        <message>
            <source>Rows × columns of the tensor</source>
            <translation>Rows × columns of the tensor</translation>
        </message>
        <message>
            <source>Storage type of the tensor in the opened file</source>
            <translation>Storage type of the tensor in the opened file</translation>
        </message>
        <message>
            <source>Number of weights</source>
            <translation>Number of weights</translation>
        </message>
        <message>
            <source>Bytes the tensor takes in the opened file</source>
            <translation>Bytes the tensor takes in the opened file</translation>
        </message>
        <message>
            <source>Target type of the tensor in the mixed-precision plan (double-click to change)</source>
            <translation>Target type of the tensor in the mixed-precision plan (double-click to change)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::PlotsWidget</name>
        <message>
            <source>Log scale</source>
            <translation>Log scale</translation>
        </message>
        <message>
            <source>Logarithmic count axis for the histograms</source>
            <translation>Logarithmic count axis for the histograms</translation>
        </message>
        <message>
            <source>Levels of:</source>
            <translation>Levels of:</translation>
        </message>
        <message>
            <source>Precision whose reconstruction levels and dequantized histogram are drawn over the weight histogram</source>
            <translation>Precision whose reconstruction levels and dequantized histogram are drawn over the weight histogram</translation>
        </message>
        <message>
            <source>Per layer:</source>
            <translation>Per layer:</translation>
        </message>
        <message>
            <source>SQNR (dB)</source>
            <translation>SQNR (dB)</translation>
        </message>
        <message>
            <source>RMSE</source>
            <translation>RMSE</translation>
        </message>
        <message>
            <source>Trade-off x:</source>
            <translation>Trade-off x:</translation>
        </message>
        <message>
            <source>Bits per weight</source>
            <translation>Bits per weight</translation>
        </message>
        <message>
            <source>Size (MB)</source>
            <translation>Size (MB)</translation>
        </message>
        <message>
            <source>Reset view</source>
            <translation>Reset view</translation>
        </message>
        <message>
            <source>Fit the axes to the data (also: double-click the plot)</source>
            <translation>Fit the axes to the data (also: double-click the plot)</translation>
        </message>
        <message>
            <source>Weight histogram</source>
            <translation>Weight histogram</translation>
        </message>
        <message>
            <source>Error distribution</source>
            <translation>Error distribution</translation>
        </message>
        <message>
            <source>Per-layer error</source>
            <translation>Per-layer error</translation>
        </message>
        <message>
            <source>Trade-off</source>
            <translation>Trade-off</translation>
        </message>
        <message>
            <source>Select a tensor or open a model</source>
            <translation>Select a tensor or open a model</translation>
        </message>
        <message>
            <source>Press Run to compare the checked precisions over the whole model</source>
            <translation>Press Run to compare the checked precisions over the whole model</translation>
        </message>
        <message>
            <source>%1 — RMSE %2 · SQNR %3 dB · max %4</source>
            <translation>%1 — RMSE %2 · SQNR %3 dB · max %4</translation>
        </message>
        <message>
            <source>Error (dequantized − original): %1</source>
            <translation>Error (dequantized − original): %1</translation>
        </message>
        <message>
            <source>error</source>
            <translation>error</translation>
        </message>
        <message>
            <source>density</source>
            <translation>density</translation>
        </message>
        <message>
            <source>weight value</source>
            <translation>weight value</translation>
        </message>
        <message>
            <source>count</source>
            <translation>count</translation>
        </message>
        <message>
            <source>Press Run for the whole model's error distribution, or select a tensor</source>
            <translation>Press Run for the whole model's error distribution, or select a tensor</translation>
        </message>
        <message>
            <source>dequantized %1</source>
            <translation>dequantized %1</translation>
        </message>
        <message>
            <source>levels of one %1 block</source>
            <translation>levels of one %1 block</translation>
        </message>
        <message>
            <source>levels</source>
            <translation>levels</translation>
        </message>
        <message>
            <source>Weights: %1</source>
            <translation>Weights: %1</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n reconstruction level(s) in %2 (move the mouse over the histogram to pick another block)</source>
            <translation>
                <numerusform>%1: %n reconstruction level in %2 (move the mouse over the histogram to pick another block)</numerusform>
                <numerusform>%1: %n reconstruction levels in %2 (move the mouse over the histogram to pick another block)</numerusform>
            </translation>
        </message>
        <message>
            <source>Error (dequantized − original): whole model</source>
            <translation>Error (dequantized − original): whole model</translation>
        </message>
        <message>
            <source>tensor (in model order; ticks at the first tensor of each layer)</source>
            <translation>tensor (in model order; ticks at the first tensor of each layer)</translation>
        </message>
        <message>
            <source>Per-tensor error along the model</source>
            <translation>Per-tensor error along the model</translation>
        </message>
        <message>
            <source>Size vs error: %1</source>
            <translation>Size vs error: %1</translation>
        </message>
        <message>
            <source>Size vs error: whole model</source>
            <translation>Size vs error: whole model</translation>
        </message>
        <message>
            <source>Pareto front</source>
            <translation>Pareto front</translation>
        </message>
        <message>
            <source>size (MB)</source>
            <translation>size (MB)</translation>
        </message>
        <message>
            <source>bits per weight</source>
            <translation>bits per weight</translation>
        </message>
        <message>
            <source>SQNR (dB) — higher is better</source>
            <translation>SQNR (dB) — higher is better</translation>
        </message>
        <message>
            <source>error:</source>
            <translation>error:</translation>
        </message>
        <message>
            <source>Weight SQNR (dB)</source>
            <translation>Weight SQNR (dB)</translation>
        </message>
        <message>
            <source>Weight RMSE</source>
            <translation>Weight RMSE</translation>
        </message>
        <message>
            <source>Mean KL (model)</source>
            <translation>Mean KL (model)</translation>
        </message>
        <message>
            <source>Error axis of the trade-off plot; mean KL needs a Run with Analysis &gt; Evaluate Model Accuracy</source>
            <translation>Error axis of the trade-off plot; mean KL needs a Run with Analysis &gt; Evaluate Model Accuracy</translation>
        </message>
        <message>
            <source>Mean KL: turn on Analysis &gt; Evaluate Model Accuracy and press Run</source>
            <translation>Mean KL: turn on Analysis &gt; Evaluate Model Accuracy and press Run</translation>
        </message>
        <message>
            <source>Size vs mean KL divergence: whole model</source>
            <translation>Size vs mean KL divergence: whole model</translation>
        </message>
        <message>
            <source>weight RMSE — lower is better</source>
            <translation>weight RMSE — lower is better</translation>
        </message>
        <message>
            <source>mean KL divergence (nats) — lower is better</source>
            <translation>mean KL divergence (nats) — lower is better</translation>
        </message>
        <message>
            <source>How the weights are distributed, with the levels a precision can represent</source>
            <translation>How the weights are distributed, with the levels a precision can represent</translation>
        </message>
        <message>
            <source>Distribution of the rounding error per precision</source>
            <translation>Distribution of the rounding error per precision</translation>
        </message>
        <message>
            <source>The error of every tensor along the model</source>
            <translation>The error of every tensor along the model</translation>
        </message>
        <message>
            <source>Storage against error for each precision, with the Pareto front</source>
            <translation>Storage against error for each precision, with the Pareto front</translation>
        </message>
        <message>
            <source>original weights (%1)</source>
            <translation>original weights (%1)</translation>
        </message>
        <message>
            <source>The whole model's weights. Select a tensor in the Model list to see the levels a precision gives its blocks, or press Run (F5) to compare the checked precisions.</source>
            <translation>The whole model's weights. Select a tensor in the Model list to see the levels a precision gives its blocks, or press Run (F5) to compare the checked precisions.</translation>
        </message>
        <message>
            <source>original (%1 weights)</source>
            <translation>original (%1 weights)</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 of %n level(s) used in %3 (move the mouse over the histogram to pick another block)</source>
            <translation>
                <numerusform>%1: %2 of %n level used in %3 (move the mouse over the histogram to pick another block)</numerusform>
                <numerusform>%1: %2 of %n levels used in %3 (move the mouse over the histogram to pick another block)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (same as %2)</source>
            <translation>%1 (same as %2)</translation>
        </message>
        <message>
            <source>Decode speed ×</source>
            <translation>Decode speed ×</translation>
        </message>
        <message>
            <source>Size axis of the trade-off plot, or the decode speed over the opened model's (needs a Run with Analysis &gt; Measure Speed): size, speed and error, the three-way trade-off</source>
            <translation>Size axis of the trade-off plot, or the decode speed over the opened model's (needs a Run with Analysis &gt; Measure Speed): size, speed and error, the three-way trade-off</translation>
        </message>
        <message>
            <source>Decode speed: turn on Analysis &gt; Measure Speed and press Run</source>
            <translation>Decode speed: turn on Analysis &gt; Measure Speed and press Run</translation>
        </message>
        <message>
            <source>Decode speed vs mean KL divergence: whole model</source>
            <translation>Decode speed vs mean KL divergence: whole model</translation>
        </message>
        <message>
            <source>Decode speed vs error: whole model</source>
            <translation>Decode speed vs error: whole model</translation>
        </message>
        <message>
            <source>decode speed × (tokens/s over the source %1's) — higher is faster</source>
            <translation>decode speed × (tokens/s over the source %1's) — higher is faster</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::PrecisionBar</name>
        <message>
            <source>Precisions</source>
            <translation>Precisions</translation>
        </message>
        <message>
            <source>Choose the precisions to compare</source>
            <translation>Choose the precisions to compare</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Run</translation>
        </message>
        <message>
            <source>Quantize the whole model at every checked precision and measure the error (F5)</source>
            <translation>Quantize the whole model at every checked precision and measure the error (F5)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>(none checked)</source>
            <translation>(none checked)</translation>
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
            <source>A video analogy</source>
            <translation>A video analogy</translation>
        </message>
        <message>
            <source>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</source>
            <translation>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</translation>
        </message>
        <message numerus="yes">
            <source>(%n tensor(s) whose rows a format cannot split use llama.cpp's fallback type.)</source>
            <translation>
                <numerusform>(%n tensor whose rows a format cannot split uses llama.cpp's fallback type.)</numerusform>
                <numerusform>(%n tensors whose rows a format cannot split use llama.cpp's fallback type.)</numerusform>
            </translation>
        </message>
        <message>
            <source>on this tensor %1 keeps an SQNR of %2, %3 %4, %5 %6 (every 10 dB is ten times less error power).</source>
            <translation>on this tensor %1 keeps an SQNR of %2, %3 %4, %5 %6 (every 10 dB is ten times less error power).</translation>
        </message>
        <message>
            <source>Primer: %1</source>
            <translation>Primer: %1</translation>
        </message>
        <message>
            <source>Shift+F1: more in the primer</source>
            <translation>Shift+F1: more in the primer</translation>
        </message>
        <message>
            <source>Codebooks: lattice formats</source>
            <translation>Codebooks: lattice formats</translation>
        </message>
        <message>
            <source>on the first %1 rows of this tensor: Q2_K %2 bits per weight, SQNR %3; IQ2_XXS %4 bits per weight, SQNR %5; IQ3_XXS %6 bits per weight, SQNR %7.</source>
            <translation>on the first %1 rows of this tensor: Q2_K %2 bits per weight, SQNR %3; IQ2_XXS %4 bits per weight, SQNR %5; IQ3_XXS %6 bits per weight, SQNR %7.</translation>
        </message>
        <message>
            <source>(this tensor's rows are not a multiple of 256, so the lattice formats do not apply to it.)</source>
            <translation>(this tensor's rows are not a multiple of 256, so the lattice formats do not apply to it.)</translation>
        </message>
        <message>
            <source>Q2_K stores a small integer code for every weight and multiplies it by a scale. The IQ formats store, for a group of 8 (or 4) weights, the number of one entry of a fixed codebook: a lattice of 256 or 512 patterns of magnitudes chosen so that the combinations real weights take are close to one of them, plus the signs and a scale per 32 weights. Because a whole group is coded at once, IQ2_XXS spends 2.06 bits per weight where Q2_K needs 2.63. Choosing the best entry is a search over the codebook, which is why these formats quantize slowly and llama.cpp asks for an importance matrix for the 2-bit ones.</source>
            <translation>Q2_K stores a small integer code for every weight and multiplies it by a scale. The IQ formats store, for a group of 8 (or 4) weights, the number of one entry of a fixed codebook: a lattice of 256 or 512 patterns of magnitudes chosen so that the combinations real weights take are close to one of them, plus the signs and a scale per 32 weights. Because a whole group is coded at once, IQ2_XXS spends 2.06 bits per weight where Q2_K needs 2.63. Choosing the best entry is a search over the codebook, which is why these formats quantize slowly and llama.cpp asks for an importance matrix for the 2-bit ones.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::TradeoffTableModel</name>
        <message numerus="yes">
            <source>%1: %n tensor(s) quantized</source>
            <translation>
                <numerusform>%1: %n tensor quantized</numerusform>
                <numerusform>%1: %n tensors quantized</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n with a fallback type (row length vs block size)</source>
            <translation>
                <numerusform>, %n with a fallback type (row length vs block size)</numerusform>
                <numerusform>, %n with a fallback type (row length vs block size)</numerusform>
            </translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>Precision</translation>
        </message>
        <message>
            <source>Bits/weight</source>
            <translation>Bits/weight</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>vs source</source>
            <translation>vs source</translation>
        </message>
        <message>
            <source>vs F32</source>
            <translation>vs F32</translation>
        </message>
        <message>
            <source>RMSE</source>
            <translation>RMSE</translation>
        </message>
        <message>
            <source>SQNR (dB)</source>
            <translation>SQNR (dB)</translation>
        </message>
        <message>
            <source>Max error</source>
            <translation>Max error</translation>
        </message>
        <message>
            <source>p99 |error|</source>
            <translation>p99 |error|</translation>
        </message>
        <message>
            <source>Cosine</source>
            <translation>Cosine</translation>
        </message>
        <message>
            <source>Time (s)</source>
            <translation>Time (s)</translation>
        </message>
        <message>
            <source>Storage of the quantized tensors (as quantscope-cli compare reports it)</source>
            <translation>Storage of the quantized tensors (as quantscope-cli compare reports it)</translation>
        </message>
        <message>
            <source>Bits per weight over the quantized tensors</source>
            <translation>Bits per weight over the quantized tensors</translation>
        </message>
        <message>
            <source>Compression relative to the opened model's own storage of the same tensors</source>
            <translation>Compression relative to the opened model's own storage of the same tensors</translation>
        </message>
        <message>
            <source>Compression relative to storing every weight as F32</source>
            <translation>Compression relative to storing every weight as F32</translation>
        </message>
        <message>
            <source>Signal-to-quantization-noise ratio: 10·log10(Σx² / Σ(x−q)²)</source>
            <translation>Signal-to-quantization-noise ratio: 10·log10(Σx² / Σ(x−q)²)</translation>
        </message>
        <message>
            <source>99th percentile of the absolute error</source>
            <translation>99th percentile of the absolute error</translation>
        </message>
        <message>
            <source>Cosine similarity between the original and the dequantized weights</source>
            <translation>Cosine similarity between the original and the dequantized weights</translation>
        </message>
        <message>
            <source>Quantized with error-feedback rounding (GPTQ-style: each matrix's output on another token stream than the evaluation changes least; ordinary llama.cpp blocks); weight errors are not measured for this row</source>
            <translation>Quantized with error-feedback rounding (GPTQ-style: each matrix's output on another token stream than the evaluation changes least; ordinary llama.cpp blocks); weight errors are not measured for this row</translation>
        </message>
        <message>
            <source>Quantized with the importance matrix (calibrated on another token stream than the evaluation); weight errors are not measured for this row</source>
            <translation>Quantized with the importance matrix (calibrated on another token stream than the evaluation); weight errors are not measured for this row</translation>
        </message>
        <message numerus="yes">
            <source>Evaluated on %n position(s); reference perplexity %1</source>
            <translation>
                <numerusform>Evaluated on %n position; reference perplexity %1</numerusform>
                <numerusform>Evaluated on %n positions; reference perplexity %1</numerusform>
            </translation>
        </message>
        <message>
            <source>KL mean</source>
            <translation>KL mean</translation>
        </message>
        <message>
            <source>KL p99</source>
            <translation>KL p99</translation>
        </message>
        <message>
            <source>Top-1 agreement</source>
            <translation>Top-1 agreement</translation>
        </message>
        <message>
            <source>Perplexity</source>
            <translation>Perplexity</translation>
        </message>
        <message>
            <source>Δ perplexity</source>
            <translation>Δ perplexity</translation>
        </message>
        <message>
            <source>Mean KL divergence of the quantized model's next-token distribution from the original's, in nats (Analysis &gt; Evaluate Model Accuracy)</source>
            <translation>Mean KL divergence of the quantized model's next-token distribution from the original's, in nats (Analysis &gt; Evaluate Model Accuracy)</translation>
        </message>
        <message>
            <source>99th percentile of the per-position KL divergence</source>
            <translation>99th percentile of the per-position KL divergence</translation>
        </message>
        <message>
            <source>How often the quantized and the original model agree on the most likely next token</source>
            <translation>How often the quantized and the original model agree on the most likely next token</translation>
        </message>
        <message>
            <source>Perplexity of the quantized model on the evaluation tokens</source>
            <translation>Perplexity of the quantized model on the evaluation tokens</translation>
        </message>
        <message>
            <source>Perplexity of the quantized model minus that of the original</source>
            <translation>Perplexity of the quantized model minus that of the original</translation>
        </message>
        <message>
            <source>The format or preset the model was quantized to</source>
            <translation>The format or preset the model was quantized to</translation>
        </message>
        <message>
            <source>Root mean square of the weight error</source>
            <translation>Root mean square of the weight error</translation>
        </message>
        <message>
            <source>Largest absolute weight error</source>
            <translation>Largest absolute weight error</translation>
        </message>
        <message>
            <source>Time to quantize, dequantize and measure at this precision</source>
            <translation>Time to quantize, dequantize and measure at this precision</translation>
        </message>
        <message>
            <source>%1: a mixed-precision plan for a size target (Analysis &gt; Plan for Size); its bits per weight count every tensor of the forward pass, as plan-for-size does</source>
            <translation>%1: a mixed-precision plan for a size target (Analysis &gt; Plan for Size); its bits per weight count every tensor of the forward pass, as plan-for-size does</translation>
        </message>
        <message>
            <source>The synthetic demo's weights are random-like: its perplexity is in the thousands and a Δ perplexity can even be negative; use KL and top-1.</source>
            <translation>The synthetic demo's weights are random-like: its perplexity is in the thousands and a Δ perplexity can even be negative; use KL and top-1.</translation>
        </message>
        <message>
            <source>%1 (fallback %2/%3)</source>
            <translation>%1 (fallback %2/%3)</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 of %n tensor(s) fell back to %3 (their rows are not a multiple of its block size), so this row measures mostly %3</source>
            <translation>
                <numerusform>%1: %2 of %n tensor fell back to %3 (their rows are not a multiple of its block size), so this row measures mostly %3</numerusform>
                <numerusform>%1: %2 of %n tensors fell back to %3 (their rows are not a multiple of its block size), so this row measures mostly %3</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s) %1 at %2 bits/weight</source>
            <translation>
                <numerusform>%n tensor %1 at %2 bits/weight</numerusform>
                <numerusform>%n tensors %1 at %2 bits/weight</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 bits/weight over %2 weights: %3. Every block's scales count, and tensors whose rows a block does not divide keep a wider type, so a "4-bit" row can cost much more.</source>
            <translation>%1 bits/weight over %2 weights: %3. Every block's scales count, and tensors whose rows a block does not divide keep a wider type, so a "4-bit" row can cost much more.</translation>
        </message>
        <message>
            <source>%1: the opened model as stored, the reference of “speed ×”</source>
            <translation>%1: the opened model as stored, the reference of “speed ×”</translation>
        </message>
        <message>
            <source>%1 (source)</source>
            <translation>%1 (source)</translation>
        </message>
        <message>
            <source>tokens/s</source>
            <translation>tokens/s</translation>
        </message>
        <message>
            <source>speed ×</source>
            <translation>speed ×</translation>
        </message>
        <message>
            <source>prompt tokens/s</source>
            <translation>prompt tokens/s</translation>
        </message>
        <message>
            <source>Decode speed (tokens/s, one token at a time after a 16-token prompt, as llama-bench tg128), its ratio to the opened model's own, and prompt speed (one 512-token batch, pp512), measured on the quantized weights as quantscope-cli bench-model does (Analysis &gt; Measure Speed)</source>
            <translation>Decode speed (tokens/s, one token at a time after a 16-token prompt, as llama-bench tg128), its ratio to the opened model's own, and prompt speed (one 512-token batch, pp512), measured on the quantized weights as quantscope-cli bench-model does (Analysis &gt; Measure Speed)</translation>
        </message>
        <message numerus="yes">
            <source>Decode: %1 tokens generated one at a time after a %2-token prompt (llama-bench tg%1); prompt: one batch of %3 tokens (pp%3); %n thread(s), activations %4, on the quantized weights as quantscope-cli bench-model measures them. “speed ×” is the decode speed over the source row's.</source>
            <translation>
                <numerusform>Decode: %1 tokens generated one at a time after a %2-token prompt (llama-bench tg%1); prompt: one batch of %3 tokens (pp%3); %n thread, activations %4, on the quantized weights as quantscope-cli bench-model measures them. “speed ×” is the decode speed over the source row's.</numerusform>
                <numerusform>Decode: %1 tokens generated one at a time after a %2-token prompt (llama-bench tg%1); prompt: one batch of %3 tokens (pp%3); %n threads, activations %4, on the quantized weights as quantscope-cli bench-model measures them. “speed ×” is the decode speed over the source row's.</numerusform>
            </translation>
        </message>
        <message>
            <source>float (weights only)</source>
            <translation>float (weights only)</translation>
        </message>
        <message>
            <source>llama (quantized as llama.cpp does)</source>
            <translation>llama (quantized as llama.cpp does)</translation>
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
            <translation>Float</translation>
        </message>
        <message>
            <source>Presets (mixed precision)</source>
            <translation>Presets (mixed precision)</translation>
        </message>
        <message>
            <source>llama.cpp preset %1: a mixture of types per tensor</source>
            <translation>llama.cpp preset %1: a mixture of types per tensor</translation>
        </message>
        <message>
            <source>llama.cpp preset %1</source>
            <translation>llama.cpp preset %1</translation>
        </message>
        <message>
            <source>Every eligible tensor as %1</source>
            <translation>Every eligible tensor as %1</translation>
        </message>
        <message>
            <source>not quantized (%1)</source>
            <translation>not quantized (%1)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>row %1</source>
            <translation>row %1</translation>
        </message>
        <message>
            <source>row %1, block %2 (columns %3–%4)</source>
            <translation>row %1, block %2 (columns %3–%4)</translation>
        </message>
        <message>
            <source>%1 + error feedback</source>
            <translation>%1 + error feedback</translation>
        </message>
        <message>
            <source>%1 + imatrix</source>
            <translation>%1 + imatrix</translation>
        </message>
        <message>
            <source>stories260K (built-in)</source>
            <translation>stories260K (built-in)</translation>
        </message>
        <message>
            <source>synthetic demo (%1 M parameters, random-like weights)</source>
            <translation>synthetic demo (%1 M parameters, random-like weights)</translation>
        </message>
        <message>
            <source>Quantizing every tensor…</source>
            <translation>Quantizing every tensor…</translation>
        </message>
        <message>
            <source>Running the original model on the evaluation tokens…</source>
            <translation>Running the original model on the evaluation tokens…</translation>
        </message>
        <message>
            <source>Evaluating %1…</source>
            <translation>Evaluating %1…</translation>
        </message>
        <message>
            <source>%1 has no GGUF tensor type (llama.cpp cannot load it): it is exported as fake-quant safetensors, dequantized values in the source's dtype.</source>
            <translation>%1 has no GGUF tensor type (llama.cpp cannot load it): it is exported as fake-quant safetensors, dequantized values in the source's dtype.</translation>
        </message>
        <message>
            <source>The plan uses a type GGUF cannot store (%1): it is exported as fake-quant safetensors.</source>
            <translation>The plan uses a type GGUF cannot store (%1): it is exported as fake-quant safetensors.</translation>
        </message>
        <message>
            <source>Measuring the KL of every tensor at every candidate format…</source>
            <translation>Measuring the KL of every tensor at every candidate format…</translation>
        </message>
        <message>
            <source>Measuring the accuracy of the finished plan…</source>
            <translation>Measuring the accuracy of the finished plan…</translation>
        </message>
        <message>
            <source>Measuring speed…</source>
            <translation>Measuring speed…</translation>
        </message>
        <message>
            <source>Measuring the speed of %1…</source>
            <translation>Measuring the speed of %1…</translation>
        </message>
        <message>
            <source>%1-bit formats</source>
            <translation>%1-bit formats</translation>
        </message>
        <message>
            <source>K-quant</source>
            <translation>K-quant</translation>
        </message>
        <message>
            <source>legacy block</source>
            <translation>legacy block</translation>
        </message>
        <message>
            <source>non-linear levels</source>
            <translation>non-linear levels</translation>
        </message>
        <message>
            <source>lattice codebook</source>
            <translation>lattice codebook</translation>
        </message>
        <message>
            <source>ternary</source>
            <translation>ternary</translation>
        </message>
        <message>
            <source>microscaling FP4</source>
            <translation>microscaling FP4</translation>
        </message>
        <message>
            <source>%1 · %2 bits/weight</source>
            <translation>%1 · %2 bits/weight</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SizeTargetDialog</name>
        <message>
            <source>Importance matrix</source>
            <translation>Importance matrix</translation>
        </message>
        <message>
            <source>Error feedback</source>
            <translation>Error feedback</translation>
        </message>
        <message>
            <source>Calibrated on %1 tokens sampled with seed %2, another stream than the evaluation's.</source>
            <translation>Calibrated on %1 tokens sampled with seed %2, another stream than the evaluation's.</translation>
        </message>
        <message>
            <source>Calibrated on the text file %1, another stream than the evaluation's.</source>
            <translation>Calibrated on the text file %1, another stream than the evaluation's.</translation>
        </message>
        <message>
            <source>Calibrated on the token file %1, another stream than the evaluation's.</source>
            <translation>Calibrated on the token file %1, another stream than the evaluation's.</translation>
        </message>
        <message>
            <source>Each candidate format minimises the importance-weighted error of every tensor.</source>
            <translation>Each candidate format minimises the importance-weighted error of every tensor.</translation>
        </message>
        <message>
            <source>Each candidate format rounds every tensor by error feedback: the rounding error of each column is spread over the columns not yet rounded, so the layer's output changes least. Slower, and its memory grows with the square of each matrix's width: meant for small models.</source>
            <translation>Each candidate format rounds every tensor by error feedback: the rounding error of each column is spread over the columns not yet rounded, so the layer's output changes least. Slower, and its memory grows with the square of each matrix's width: meant for small models.</translation>
        </message>
        <message>
            <source>Rounding:</source>
            <translation>Rounding:</translation>
        </message>
        <message>
            <source>Smallest plan with these formats: %1 bits/weight (%2)</source>
            <translation>Smallest plan with these formats: %1 bits/weight (%2)</translation>
        </message>
        <message>
            <source>Plan for Size</source>
            <translation>Plan for Size</translation>
        </message>
        <message>
            <source>Choose a format for every weight matrix so the model fits the target with the least KL divergence from the original: each tensor's KL is measured at every candidate format, then the upgrades that buy the most accuracy per byte are taken greedily.</source>
            <translation>Choose a format for every weight matrix so the model fits the target with the least KL divergence from the original: each tensor's KL is measured at every candidate format, then the upgrades that buy the most accuracy per byte are taken greedily.</translation>
        </message>
        <message>
            <source>bits per weight</source>
            <translation>bits per weight</translation>
        </message>
        <message>
            <source>MB</source>
            <translation>MB</translation>
        </message>
        <message>
            <source>Target size:</source>
            <translation>Target size:</translation>
        </message>
        <message>
            <source>Length of the evaluation stream sampled from the model (seed 1)</source>
            <translation>Length of the evaluation stream sampled from the model (seed 1)</translation>
        </message>
        <message>
            <source>or a token file ({"tokens": [...]})</source>
            <translation>or a token file ({"tokens": [...]})</translation>
        </message>
        <message>
            <source>Sampled tokens:</source>
            <translation>Sampled tokens:</translation>
        </message>
        <message>
            <source>Candidate formats</source>
            <translation>Candidate formats</translation>
        </message>
        <message>
            <source>Compute and Apply to Plan</source>
            <translation>Compute and Apply to Plan</translation>
        </message>
        <message>
            <source>Planning for a size needs a llama-family model (its forward pass measures the KL).</source>
            <translation>Planning for a size needs a llama-family model (its forward pass measures the KL).</translation>
        </message>
        <message>
            <source>%1 parameters, now %2 (%3 bits/weight); target about %4</source>
            <translation>%1 parameters, now %2 (%3 bits/weight); target about %4</translation>
        </message>
        <message>
            <source>Choose at least one candidate format.</source>
            <translation>Choose at least one candidate format.</translation>
        </message>
        <message>
            <source>Measuring the KL of every tensor at every candidate format…</source>
            <translation>Measuring the KL of every tensor at every candidate format…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <source>Cancelled; the plan is unchanged.</source>
            <translation>Cancelled; the plan is unchanged.</translation>
        </message>
        <message>
            <source>Cannot plan for this size: %1</source>
            <translation>Cannot plan for this size: %1</translation>
        </message>
        <message>
            <source>%1 (%2 bits/weight; target %3): KL %4, top-1 agreement %5 %</source>
            <translation>%1 (%2 bits/weight; target %3): KL %4, top-1 agreement %5 %</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SensitivityView</name>
        <message>
            <source>Evaluation Tokens</source>
            <translation>Evaluation Tokens</translation>
        </message>
        <message>
            <source>Token files (*.json);;All files (*)</source>
            <translation>Token files (*.json);;All files (*)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>Precision:</translation>
        </message>
        <message>
            <source>The format (or preset) each tensor is quantized with, one at a time</source>
            <translation>The format (or preset) each tensor is quantized with, one at a time</translation>
        </message>
        <message>
            <source>By tensor</source>
            <translation>By tensor</translation>
        </message>
        <message>
            <source>By layer</source>
            <translation>By layer</translation>
        </message>
        <message>
            <source>Quantize one tensor at a time, or all matrices of one layer at a time</source>
            <translation>Quantize one tensor at a time, or all matrices of one layer at a time</translation>
        </message>
        <message>
            <source>Sampled tokens:</source>
            <translation>Sampled tokens:</translation>
        </message>
        <message>
            <source>Length of the evaluation stream sampled from the model (seed 1); longer is more precise and slower</source>
            <translation>Length of the evaluation stream sampled from the model (seed 1); longer is more precise and slower</translation>
        </message>
        <message>
            <source>or a token file ({"tokens": [...]})</source>
            <translation>or a token file ({"tokens": [...]})</translation>
        </message>
        <message>
            <source>Choose a token file</source>
            <translation>Choose a token file</translation>
        </message>
        <message>
            <source>Compute</source>
            <translation>Compute</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Open a model to measure how sensitive its tensors are to quantization.</source>
            <translation>Open a model to measure how sensitive its tensors are to quantization.</translation>
        </message>
        <message>
            <source>Sensitivity needs a llama-family model: this model's forward pass cannot run here.</source>
            <translation>Sensitivity needs a llama-family model: this model's forward pass cannot run here.</translation>
        </message>
        <message>
            <source>Evaluating: the model runs once per tensor (or layer) over the stream…</source>
            <translation>Evaluating: the model runs once per tensor (or layer) over the stream…</translation>
        </message>
        <message>
            <source>the tokens of %1</source>
            <translation>the tokens of %1</translation>
        </message>
        <message>
            <source>KL divergence of the next-token distribution when only that tensor (or layer) is quantized, over %1. The same numbers as quantscope-cli compare --eval --sensitivity.</source>
            <translation>KL divergence of the next-token distribution when only that tensor (or layer) is quantized, over %1. The same numbers as quantscope-cli compare --eval --sensitivity.</translation>
        </message>
        <message>
            <source>This model is large for the forward pass: the stream is kept short so the ranking finishes in reasonable time; lengthen it for steadier numbers.</source>
            <translation>This model is large for the forward pass: the stream is kept short so the ranking finishes in reasonable time; lengthen it for steadier numbers.</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>No model</translation>
        </message>
        <message>
            <source>Not a llama-family model</source>
            <translation>Not a llama-family model</translation>
        </message>
        <message>
            <source>Could not compute the sensitivity: %1</source>
            <translation>Could not compute the sensitivity: %1</translation>
        </message>
        <message>
            <source>Press Compute to rank the tensors</source>
            <translation>Press Compute to rank the tensors</translation>
        </message>
        <message>
            <source>%1 stores none of this model's tensors</source>
            <translation>%1 stores none of this model's tensors</translation>
        </message>
        <message>
            <source>Layer</source>
            <translation>Layer</translation>
        </message>
        <message>
            <source>Tensor</source>
            <translation>Tensor</translation>
        </message>
        <message>
            <source>Mean KL divergence with only this layer at %1 (nats)</source>
            <translation>Mean KL divergence with only this layer at %1 (nats)</translation>
        </message>
        <message>
            <source>Mean KL divergence with only this tensor at %1 (nats)</source>
            <translation>Mean KL divergence with only this tensor at %1 (nats)</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; at %2&lt;br&gt;KL divergence: %3 nats&lt;br&gt;Top-1 agreement: %4 %&lt;br&gt;Bytes saved: %5 (rank %6 of %7)</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; at %2&lt;br&gt;KL divergence: %3 nats&lt;br&gt;Top-1 agreement: %4 %&lt;br&gt;Bytes saved: %5 (rank %6 of %7)</translation>
        </message>
        <message numerus="yes">
            <source>%n token(s) sampled from the model (seed 1)</source>
            <translation>
                <numerusform>%n token sampled from the model (seed 1)</numerusform>
                <numerusform>%n tokens sampled from the model (seed 1)</numerusform>
            </translation>
        </message>
        <message>
            <source>Importance matrix</source>
            <translation>Importance matrix</translation>
        </message>
        <message>
            <source>Quantize with an importance matrix calibrated on %1 other tokens sampled with seed %2 (as --imatrix)</source>
            <translation>Quantize with an importance matrix calibrated on %1 other tokens sampled with seed %2 (as --imatrix)</translation>
        </message>
    </context>
    <context>
        <name>qs::formats</name>
        <message>
            <source>32-bit IEEE float: the unquantized reference</source>
            <translation>32-bit IEEE float: the unquantized reference</translation>
        </message>
        <message>
            <source>16-bit IEEE half float</source>
            <translation>16-bit IEEE half float</translation>
        </message>
        <message>
            <source>bfloat16: float32's range with an 8-bit mantissa</source>
            <translation>bfloat16: float32's range with an 8-bit mantissa</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, symmetric [-%2, %2], one fp32 scale per tensor; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per row; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per %3 weights; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</translation>
        </message>
        <message>
            <source>llama.cpp IQ4_NL: 32-weight blocks, fp16 scale, 4-bit non-linear levels (4.5 bits/weight)</source>
            <translation>llama.cpp IQ4_NL: 32-weight blocks, fp16 scale, 4-bit non-linear levels (4.5 bits/weight)</translation>
        </message>
        <message>
            <source>4-bit NormalFloat (bitsandbytes levels), fp32 absmax per 64 weights; importance ignored</source>
            <translation>4-bit NormalFloat (bitsandbytes levels), fp32 absmax per 64 weights; importance ignored</translation>
        </message>
        <message>
            <source>llama.cpp 2-bit K-quant: 256-weight super-blocks, 4-bit scale+min per 16 (2.63 bpw)</source>
            <translation>llama.cpp 2-bit K-quant: 256-weight super-blocks, 4-bit scale+min per 16 (2.63 bpw)</translation>
        </message>
        <message>
            <source>llama.cpp 3-bit K-quant: 256-weight super-blocks, 6-bit scales per 16 (3.44 bpw)</source>
            <translation>llama.cpp 3-bit K-quant: 256-weight super-blocks, 6-bit scales per 16 (3.44 bpw)</translation>
        </message>
        <message>
            <source>llama.cpp Q4_0: 32-weight blocks, fp16 scale, 4-bit levels (4.5 bits/weight)</source>
            <translation>llama.cpp Q4_0: 32-weight blocks, fp16 scale, 4-bit levels (4.5 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp Q4_1: 32-weight blocks, fp16 scale and min, 4-bit levels (5 bits/weight)</source>
            <translation>llama.cpp Q4_1: 32-weight blocks, fp16 scale and min, 4-bit levels (5 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp 4-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (4.5 bpw)</source>
            <translation>llama.cpp 4-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (4.5 bpw)</translation>
        </message>
        <message>
            <source>llama.cpp Q5_0: 32-weight blocks, fp16 scale, 5-bit levels (5.5 bits/weight)</source>
            <translation>llama.cpp Q5_0: 32-weight blocks, fp16 scale, 5-bit levels (5.5 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp Q5_1: 32-weight blocks, fp16 scale and min, 5-bit levels (6 bits/weight)</source>
            <translation>llama.cpp Q5_1: 32-weight blocks, fp16 scale and min, 5-bit levels (6 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp 5-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (5.5 bpw)</source>
            <translation>llama.cpp 5-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (5.5 bpw)</translation>
        </message>
        <message>
            <source>llama.cpp 6-bit K-quant: 256-weight super-blocks, 8-bit scales per 16 (6.56 bpw)</source>
            <translation>llama.cpp 6-bit K-quant: 256-weight super-blocks, 8-bit scales per 16 (6.56 bpw)</translation>
        </message>
        <message>
            <source>llama.cpp Q8_0: 32-weight blocks, fp16 scale, int8 levels (8.5 bits/weight)</source>
            <translation>llama.cpp Q8_0: 32-weight blocks, fp16 scale, int8 levels (8.5 bits/weight)</translation>
        </message>
        <message>
            <source>MXFP4 (OCP microscaling): 32-weight blocks, power-of-two scale, 4-bit E2M1 floats (4.25 bits/weight)</source>
            <translation>MXFP4 (OCP microscaling): 32-weight blocks, power-of-two scale, 4-bit E2M1 floats (4.25 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp TQ2_0: 256-weight blocks, fp16 scale, 2-bit levels -1..2 (2.06 bits/weight; ternary models)</source>
            <translation>llama.cpp TQ2_0: 256-weight blocks, fp16 scale, 2-bit levels -1..2 (2.06 bits/weight; ternary models)</translation>
        </message>
        <message>
            <source>llama.cpp TQ1_0: 256-weight blocks, fp16 scale, ternary levels packed 5 per byte (1.69 bits/weight)</source>
            <translation>llama.cpp TQ1_0: 256-weight blocks, fp16 scale, ternary levels packed 5 per byte (1.69 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp IQ4_XS: 256-weight super-blocks, 6-bit scales per 32, 4-bit non-linear levels (4.25 bits/weight)</source>
            <translation>llama.cpp IQ4_XS: 256-weight super-blocks, 6-bit scales per 32, 4-bit non-linear levels (4.25 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_XS: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 512-point lattice and signs (2.31 bits/weight)</source>
            <translation>llama.cpp IQ2_XS: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 512-point lattice and signs (2.31 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_S: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 1024-point lattice and a sign per weight (2.56 bits/weight)</source>
            <translation>llama.cpp IQ2_S: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 1024-point lattice and a sign per weight (2.56 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp IQ1_S: 256-weight super-blocks, 3-bit scales and a ±1/8 shift per 32, 8-weight points of a 2048-point ternary lattice (1.56 bits/weight)</source>
            <translation>llama.cpp IQ1_S: 256-weight super-blocks, 3-bit scales and a ±1/8 shift per 32, 8-weight points of a 2048-point ternary lattice (1.56 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp IQ1_M: 256-weight super-blocks, 3-bit scales per 16, a ±1/8 shift per 8, 8-weight points of a 2048-point ternary lattice (1.75 bits/weight)</source>
            <translation>llama.cpp IQ1_M: 256-weight super-blocks, 3-bit scales per 16, a ±1/8 shift per 8, 8-weight points of a 2048-point ternary lattice (1.75 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_XXS: 256-weight super-blocks, 4-bit scales per 32, 8-weight lattice points and signs (2.06 bits/weight)</source>
            <translation>llama.cpp IQ2_XXS: 256-weight super-blocks, 4-bit scales per 32, 8-weight lattice points and signs (2.06 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp IQ3_S: 256-weight super-blocks, 4-bit scales per 32, 4-weight points of a 512-point lattice and a sign per weight (3.44 bits/weight)</source>
            <translation>llama.cpp IQ3_S: 256-weight super-blocks, 4-bit scales per 32, 4-weight points of a 512-point lattice and a sign per weight (3.44 bits/weight)</translation>
        </message>
        <message>
            <source>llama.cpp IQ3_XXS: 256-weight super-blocks, 4-bit scales per 32, 4-weight lattice points and signs (3.06 bits/weight)</source>
            <translation>llama.cpp IQ3_XXS: 256-weight super-blocks, 4-bit scales per 32, 4-weight lattice points and signs (3.06 bits/weight)</translation>
        </message>
    </context>
</TS>
