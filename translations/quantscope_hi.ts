<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>User interface language: en, de, zh_CN or hi.</source>
            <translation>यूज़र इंटरफ़ेस की भाषा: en, de, zh_CN या hi।</translation>
        </message>
        <message>
            <source>Explore what quantization does to a model's weights.</source>
            <translation>देखें कि क्वांटाइज़ेशन किसी मॉडल के वज़न के साथ क्या करता है।</translation>
        </message>
        <message>
            <source>GGUF file, .safetensors file or folder, or llama2.c checkpoint to open.</source>
            <translation>खोलने के लिए GGUF फ़ाइल, .safetensors फ़ाइल या फ़ोल्डर, या llama2.c चेकपॉइंट।</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::BlockInspector</name>
        <message>
            <source>&amp;Error feedback</source>
            <translation>एरर फ़ीडबैक(&amp;E)</translation>
        </message>
        <message>
            <source>Show the codes error-feedback rounding stores for this row (GPTQ-style, with the input moments of the last Run's calibration stream) instead of the format's own rounding.</source>
            <translation>इस पंक्ति के लिए एरर-फ़ीडबैक राउंडिंग जो कोड संग्रहीत करती है वे दिखाएँ (GPTQ जैसा, पिछले रन की कैलिब्रेशन धारा के इनपुट मोमेंट्स के साथ), फ़ॉर्मैट की अपनी राउंडिंग के बजाय।</translation>
        </message>
        <message>
            <source>Run with Analysis ▸ Use Error-Feedback Rounding and Evaluate Model Accuracy first: error feedback needs the input moments of a calibration stream (block formats only).</source>
            <translation>पहले विश्लेषण ▸ एरर-फ़ीडबैक राउंडिंग का उपयोग करें और मॉडल सटीकता का मूल्यांकन करें के साथ चलाएँ: एरर फ़ीडबैक को एक कैलिब्रेशन धारा के इनपुट मोमेंट्स चाहिए (केवल ब्लॉक फ़ॉर्मैट)।</translation>
        </message>
        <message>
            <source>Codes by error-feedback rounding: each weight's rounding error is passed on to the row's later weights through the calibration's input moments, so a weight may not sit on its nearest level; the layer's output moves less.</source>
            <translation>एरर-फ़ीडबैक राउंडिंग के कोड: हर वेट की राउंडिंग त्रुटि कैलिब्रेशन के इनपुट मोमेंट्स के ज़रिए पंक्ति के बाद वाले वेट्स को दी जाती है, इसलिए कोई वेट अपने निकटतम स्तर पर नहीं भी हो सकता; परत का आउटपुट कम बदलता है।</translation>
        </message>
        <message>
            <source>&amp;Tensor:</source>
            <translation>टेन्सर(&amp;T):</translation>
        </message>
        <message>
            <source>&amp;Precision:</source>
            <translation>प्रिसिज़न(&amp;P):</translation>
        </message>
        <message>
            <source>&amp;Row:</source>
            <translation>पंक्ति(&amp;R):</translation>
        </message>
        <message>
            <source>&amp;Block:</source>
            <translation>ब्लॉक(&amp;B):</translation>
        </message>
        <message>
            <source>Add an &amp;outlier (×10)</source>
            <translation>आउटलायर जोड़ें(&amp;O) (×10)</translation>
        </message>
        <message>
            <source>Multiplies the selected weight by 10: one large weight stretches its block's scale, and every other weight of the block loses resolution.</source>
            <translation>चुने गए वज़न को 10 से गुणा करता है: एक बड़ा वज़न अपने ब्लॉक का स्केल फैला देता है, और ब्लॉक के बाकी सभी वज़न का रिज़ॉल्यूशन घट जाता है।</translation>
        </message>
        <message>
            <source>The format the block is stored in. Switch it to watch the grid coarsen under the same weights.</source>
            <translation>वह फ़ॉर्मैट जिसमें ब्लॉक संग्रहीत है। इसे बदलकर देखें कि उन्हीं वज़न पर ग्रिड कैसे मोटा होता जाता है।</translation>
        </message>
        <message>
            <source>RMSE per block: every block shown is stored exactly (error 0)</source>
            <translation>प्रति ब्लॉक RMSE: दिखाया गया हर ब्लॉक बिल्कुल सटीक संग्रहीत है (त्रुटि 0)</translation>
        </message>
        <message>
            <source>RMSE per block (click a block)</source>
            <translation>प्रति ब्लॉक RMSE (किसी ब्लॉक पर क्लिक करें)</translation>
        </message>
        <message>
            <source>RMSE per block: computing…</source>
            <translation>प्रति ब्लॉक RMSE: गणना हो रही है…</translation>
        </message>
        <message>
            <source>block</source>
            <translation>ब्लॉक</translation>
        </message>
        <message>
            <source>row</source>
            <translation>पंक्ति</translation>
        </message>
        <message>
            <source>weight in block</source>
            <translation>ब्लॉक में वज़न</translation>
        </message>
        <message>
            <source>value</source>
            <translation>मान</translation>
        </message>
        <message>
            <source>error</source>
            <translation>त्रुटि</translation>
        </message>
        <message>
            <source>#</source>
            <translation>क्रमांक</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>वज़न</translation>
        </message>
        <message>
            <source>code</source>
            <translation>कोड</translation>
        </message>
        <message>
            <source>level x̂</source>
            <translation>स्तर x̂</translation>
        </message>
        <message>
            <source>Reading %1…</source>
            <translation>%1 पढ़ा जा रहा है…</translation>
        </message>
        <message>
            <source>Computing the error-feedback rounding of row %1…</source>
            <translation>पंक्ति %1 की एरर फ़ीडबैक राउंडिंग की गणना हो रही है…</translation>
        </message>
        <message>
            <source>Open a model to inspect its blocks.</source>
            <translation>इसके ब्लॉक देखने के लिए कोई मॉडल खोलें।</translation>
        </message>
        <message>
            <source>%1 cannot store rows of %2 weights.</source>
            <translation>%1 में %2 वज़न वाली पंक्तियाँ संग्रहीत नहीं हो सकतीं।</translation>
        </message>
        <message>
            <source>grid levels (%1 in view of %2)</source>
            <translation>ग्रिड स्तर (%2 में से %1 दिख रहे)</translation>
        </message>
        <message>
            <source>original weight</source>
            <translation>मूल वज़न</translation>
        </message>
        <message>
            <source>outlier ×10</source>
            <translation>आउटलायर ×10</translation>
        </message>
        <message>
            <source>Block %1 of row %2: weights %3–%4.</source>
            <translation>पंक्ति %2 का ब्लॉक %1: वज़न %3–%4।</translation>
        </message>
        <message>
            <source>Reconstruction: %1</source>
            <translation>पुनर्निर्माण: %1</translation>
        </message>
        <message>
            <source>Stored scale: %1</source>
            <translation>संग्रहीत स्केल: %1</translation>
        </message>
        <message>
            <source>Super-block %1 (256 weights): d = %2</source>
            <translation>सुपर-ब्लॉक %1 (256 वज़न): d = %2</translation>
        </message>
        <message>
            <source>, dmin = %1</source>
            <translation>, dmin = %1</translation>
        </message>
        <message>
            <source>Its %1 sub-block scales (%2-bit integers; this sub-block underlined): %3</source>
            <translation>इसके %1 सब-ब्लॉक स्केल (%2-बिट पूर्णांक; यह सब-ब्लॉक रेखांकित): %3</translation>
        </message>
        <message>
            <source>Its %1 sub-block scales/mins (%2-bit integers; this sub-block underlined): %3</source>
            <translation>इसके %1 सब-ब्लॉक स्केल/न्यूनतम (%2-बिट पूर्णांक; यह सब-ब्लॉक रेखांकित): %3</translation>
        </message>
        <message>
            <source>Codebook: each group of %1 weights is one of the grid's %2 points (its index stored, not the weights' levels one by one), times the sub-block scale %3, with a sign per weight:</source>
            <translation>कोडबुक: %1 वेट का हर समूह ग्रिड के %2 बिंदुओं में से एक है (उसका इंडेक्स सहेजा जाता है, वेट के लेवल एक-एक करके नहीं), सब-ब्लॉक स्केल %3 से गुणा, हर वेट का अपना चिह्न:</translation>
        </message>
        <message>
            <source>Weights %1–%2: point %3 = (%4), signs %5</source>
            <translation>वेट %1–%2: बिंदु %3 = (%4), चिह्न %5</translation>
        </message>
        <message>
            <source>Signs in italics are not stored: every 8 weights have an even number of minus signs, so 7 bits hold the 8 signs.</source>
            <translation>तिरछे चिह्न सहेजे नहीं जाते: हर 8 वेट में ऋण चिह्नों की संख्या सम होती है, इसलिए 7 बिट 8 चिह्न रखते हैं।</translation>
        </message>
        <message>
            <source>Codebook: each group of %1 weights is one of the grid's %2 points of values −1, 0 and 1 (its index stored), shifted by ±1/8, times the sub-block scale %3:</source>
            <translation>कोडबुक: %1 वेट का हर समूह ग्रिड के %2 बिंदुओं में से एक है जिनके मान −1, 0 और 1 हैं (उसका इंडेक्स सहेजा जाता है), ±1/8 से खिसकाया गया, सब-ब्लॉक स्केल %3 से गुणा:</translation>
        </message>
        <message>
            <source>Weights %1–%2: point %3 = (%4), shifted by %5</source>
            <translation>वेट %1–%2: बिंदु %3 = (%4), %5 से खिसकाया गया</translation>
        </message>
        <message>
            <source>Zero point: %1</source>
            <translation>ज़ीरो पॉइंट: %1</translation>
        </message>
        <message>
            <source>Weight %1: %2</source>
            <translation>वज़न %1: %2</translation>
        </message>
        <message>
            <source>Block RMSE %1, largest |error| %2.</source>
            <translation>ब्लॉक RMSE %1, सबसे बड़ी |त्रुटि| %2।</translation>
        </message>
        <message>
            <source>With the outlier the scale is %1: the other weights share fewer levels.</source>
            <translation>आउटलायर के साथ स्केल %1 है: बाकी वज़न को कम स्तर मिलते हैं।</translation>
        </message>
        <message>
            <source>reconstruction (the level it rounds to)</source>
            <translation>पुनर्निर्माण (वह स्तर जिस पर पूर्णांकित होता है)</translation>
        </message>
        <message numerus="yes">
            <source>Its blocks hold %n weight(s), and %1 is not a multiple of that.</source>
            <translation>
                <numerusform>इसके ब्लॉक में %n वेट होता है, और %1 उसका गुणज नहीं है।</numerusform>
                <numerusform>इसके ब्लॉक में %n वेट होते हैं, और %1 उसका गुणज नहीं है।</numerusform>
            </translation>
        </message>
        <message>
            <source>The scale is negative: as in llama.cpp, it is the block's weight of largest magnitude divided by the code at one end of the range, and that weight is negative here. Codes and scale change sign together, so d·q gives the same values.</source>
            <translation>स्केल ऋणात्मक है: llama.cpp की तरह, यह ब्लॉक का सबसे बड़े परिमाण वाला वेट है जिसे रेंज के एक छोर के कोड से भाग दिया गया है, और यहाँ वह वेट ऋणात्मक है। कोड और स्केल साथ-साथ चिह्न बदलते हैं, इसलिए d·q वही मान देता है।</translation>
        </message>
        <message>
            <source>Codes %1 … %2: %3 of %4 levels used by this block.</source>
            <translation>कोड %1 … %2: इस ब्लॉक ने %4 में से %3 स्तरों का उपयोग किया।</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::ExportDialog</name>
        <message>
            <source>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them). The bytes are ordinary llama.cpp blocks. Takes several times as long as a plain export.</source>
            <translation>हर वेट मैट्रिक्स को ऐसे राउंड करें कि कैलिब्रेशन स्ट्रीम (%1) पर उसका आउटपुट सबसे कम बदले (GPTQ जैसा; सटीकता तालिका की “+ एरर फ़ीडबैक” पंक्तियों वाले ही वेट, जैसे quantscope-cli quantize --error-feedback उन्हें लिखता है)। बाइट्स सामान्य llama.cpp ब्लॉक हैं। साधारण एक्सपोर्ट से कई गुना समय लेता है।</translation>
        </message>
        <message>
            <source>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them), stored as their values (fake-quant). Takes several times as long as a plain export.</source>
            <translation>हर वेट मैट्रिक्स को ऐसे राउंड करें कि कैलिब्रेशन स्ट्रीम (%1) पर उसका आउटपुट सबसे कम बदले (GPTQ जैसा; सटीकता तालिका की “+ एरर फ़ीडबैक” पंक्तियों वाले ही वेट, जैसे quantscope-cli quantize --error-feedback उन्हें लिखता है), उनके मानों के रूप में सहेजे गए (फ़ेक-क्वांट)। साधारण एक्सपोर्ट से कई गुना समय लेता है।</translation>
        </message>
        <message>
            <source>Needs a llama-shaped model: error feedback runs the model on its calibration stream</source>
            <translation>llama-आकार का मॉडल चाहिए: एरर फ़ीडबैक मॉडल को उसकी कैलिब्रेशन स्ट्रीम पर चलाता है</translation>
        </message>
        <message>
            <source>Error-feedback rounding</source>
            <translation>एरर-फ़ीडबैक राउंडिंग</translation>
        </message>
        <message>
            <source>Export Quantized Model</source>
            <translation>क्वांटाइज़्ड मॉडल निर्यात करें</translation>
        </message>
        <message>
            <source>Current plan (model browser)</source>
            <translation>वर्तमान योजना (मॉडल ब्राउज़र)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>प्रिसिज़न:</translation>
        </message>
        <message>
            <source>GGUF (llama.cpp)</source>
            <translation>GGUF (llama.cpp)</translation>
        </message>
        <message>
            <source>Fake-quant safetensors</source>
            <translation>फ़ेक-क्वांट safetensors</translation>
        </message>
        <message>
            <source>Real quantized tensors that llama.cpp loads</source>
            <translation>असली क्वांटाइज़्ड टेन्सर जिन्हें llama.cpp लोड करता है</translation>
        </message>
        <message>
            <source>Dequantized values in the source dtype (how the INT/NF4 family exports)</source>
            <translation>स्रोत dtype में डीक्वांटाइज़्ड मान (INT/NF4 परिवार इसी तरह निर्यात होता है)</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>फ़ॉर्मैट:</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>ब्राउज़ करें…</translation>
        </message>
        <message>
            <source>File:</source>
            <translation>फ़ाइल:</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>निर्यात</translation>
        </message>
        <message>
            <source>Export To</source>
            <translation>यहाँ निर्यात करें</translation>
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
            <translation>भाषा(&amp;L)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::MainWindow</name>
        <message>
            <source>%1 tokens sampled with seed %2</source>
            <translation>सीड %2 से सैंपल किए गए %1 टोकन</translation>
        </message>
        <message>
            <source>the token file %1</source>
            <translation>टोकन फ़ाइल %1</translation>
        </message>
        <message>
            <source>the text file %1</source>
            <translation>टेक्स्ट फ़ाइल %1</translation>
        </message>
        <message>
            <source>QuantScope</source>
            <translation>QuantScope</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>मॉडल</translation>
        </message>
        <message>
            <source>Could not open the model</source>
            <translation>मॉडल नहीं खुल सका</translation>
        </message>
        <message>
            <source>Cannot open model</source>
            <translation>मॉडल नहीं खोला जा सकता</translation>
        </message>
        <message>
            <source>Weights: whole model (%1)</source>
            <translation>वज़न: पूरा मॉडल (%1)</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>खोलें(&amp;O)…</translation>
        </message>
        <message>
            <source>Open a GGUF file, a .safetensors file or a llama2.c checkpoint</source>
            <translation>GGUF फ़ाइल, .safetensors फ़ाइल या llama2.c चेकपॉइंट खोलें</translation>
        </message>
        <message>
            <source>Open Model</source>
            <translation>मॉडल खोलें</translation>
        </message>
        <message>
            <source>Models (*.gguf *.safetensors *.bin *.json);;All files (*)</source>
            <translation>मॉडल (*.gguf *.safetensors *.bin *.json);;सभी फ़ाइलें (*)</translation>
        </message>
        <message>
            <source>&amp;Export Quantized Model…</source>
            <translation>क्वांटाइज़्ड मॉडल निर्यात करें(&amp;E)…</translation>
        </message>
        <message>
            <source>Write the model at a precision or the current plan as GGUF or fake-quant safetensors</source>
            <translation>मॉडल को किसी प्रिसिज़न या वर्तमान योजना पर GGUF या फ़ेक-क्वांट safetensors के रूप में लिखें</translation>
        </message>
        <message>
            <source>Open &amp;Demo Model</source>
            <translation>डेमो मॉडल खोलें(&amp;D)</translation>
        </message>
        <message>
            <source>Export &amp;Table…</source>
            <translation>तालिका निर्यात करें(&amp;T)…</translation>
        </message>
        <message>
            <source>Export Table</source>
            <translation>तालिका निर्यात करें</translation>
        </message>
        <message>
            <source>CSV (*.csv);;Markdown (*.md)</source>
            <translation>CSV (*.csv);;Markdown (*.md)</translation>
        </message>
        <message>
            <source>Export &amp;Plot…</source>
            <translation>प्लॉट निर्यात करें(&amp;P)…</translation>
        </message>
        <message>
            <source>Export Plot</source>
            <translation>प्लॉट निर्यात करें</translation>
        </message>
        <message>
            <source>PNG image (*.png);;PDF document (*.pdf)</source>
            <translation>PNG छवि (*.png);;PDF दस्तावेज़ (*.pdf)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>बाहर निकलें(&amp;Q)</translation>
        </message>
        <message>
            <source>&amp;Copy Table Rows</source>
            <translation>तालिका की पंक्तियाँ कॉपी करें(&amp;C)</translation>
        </message>
        <message>
            <source>Log &amp;Scale</source>
            <translation>लॉग स्केल(&amp;S)</translation>
        </message>
        <message>
            <source>&amp;Theme Follows the System</source>
            <translation>थीम सिस्टम के अनुसार(&amp;T)</translation>
        </message>
        <message>
            <source>&amp;About QuantScope</source>
            <translation>QuantScope के बारे में(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>फ़ाइल(&amp;F)</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>हाल की फ़ाइलें(&amp;R)</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>संपादन(&amp;E)</translation>
        </message>
        <message>
            <source>&amp;Analysis</source>
            <translation>विश्लेषण(&amp;A)</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>दृश्य(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>सहायता(&amp;H)</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>&amp;Qt के बारे में</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>तैयार</translation>
        </message>
        <message>
            <source>&amp;Clear</source>
            <translation>साफ़ करें(&amp;C)</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>%1 खोला जा रहा है…</translation>
        </message>
        <message>
            <source>Building the synthetic demo model…</source>
            <translation>कृत्रिम डेमो मॉडल बनाया जा रहा है…</translation>
        </message>
        <message>
            <source>Cannot build the demo model</source>
            <translation>डेमो मॉडल नहीं बन सकता</translation>
        </message>
        <message>
            <source>Press Run to compare the checked precisions over the whole model</source>
            <translation>पूरे मॉडल पर चुने गए प्रिसिज़न की तुलना के लिए चलाएँ दबाएँ</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>गणना हो रही है…</translation>
        </message>
        <message>
            <source>%1 — QuantScope</source>
            <translation>%1 — QuantScope</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n tensor(s)</source>
            <translation>
                <numerusform>%1: %n टेन्सर</numerusform>
                <numerusform>%1: %n टेन्सर</numerusform>
            </translation>
        </message>
        <message>
            <source>Computing the whole model's histogram…</source>
            <translation>पूरे मॉडल का हिस्टोग्राम गणना हो रहा है…</translation>
        </message>
        <message>
            <source>Computing %1…</source>
            <translation>%1 की गणना हो रही है…</translation>
        </message>
        <message>
            <source>Nothing to run</source>
            <translation>चलाने के लिए कुछ नहीं</translation>
        </message>
        <message>
            <source>Open a model first.</source>
            <translation>पहले कोई मॉडल खोलें।</translation>
        </message>
        <message>
            <source>Check at least one precision to run.</source>
            <translation>चलाने के लिए कम से कम एक प्रिसिज़न चुनें।</translation>
        </message>
        <message>
            <source>Running %1 over %2…</source>
            <translation>%2 पर %1 चल रहा है…</translation>
        </message>
        <message>
            <source>Cancelling the export…</source>
            <translation>निर्यात रद्द किया जा रहा है…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>रद्द किया जा रहा है…</translation>
        </message>
        <message>
            <source>Run cancelled</source>
            <translation>रन रद्द हुआ</translation>
        </message>
        <message>
            <source>Run failed</source>
            <translation>रन विफल हुआ</translation>
        </message>
        <message numerus="yes">
            <source>Compared %n precision(s) in %1 s</source>
            <translation>
                <numerusform>%n प्रिसिज़न की तुलना %1 s में हुई</numerusform>
                <numerusform>%n प्रिसिज़न की तुलना %1 s में हुई</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>निर्यात नहीं हो सकता</translation>
        </message>
        <message>
            <source>Exporting %1…</source>
            <translation>%1 निर्यात हो रहा है…</translation>
        </message>
        <message>
            <source>Export cancelled</source>
            <translation>निर्यात रद्द हुआ</translation>
        </message>
        <message>
            <source>Export cancelled; nothing was written</source>
            <translation>निर्यात रद्द हुआ; कुछ भी नहीं लिखा गया</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>निर्यात विफल हुआ</translation>
        </message>
        <message>
            <source>Wrote %1 (%2) in %3 s</source>
            <translation>%1 (%2) %3 s में लिखा गया</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>Table written to %1</source>
            <translation>तालिका %1 में लिखी गई</translation>
        </message>
        <message>
            <source>%1: cannot write the plot</source>
            <translation>%1: प्लॉट नहीं लिखा जा सकता</translation>
        </message>
        <message>
            <source>Plot written to %1</source>
            <translation>प्लॉट %1 में लिखा गया</translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s)</source>
            <translation>
                <numerusform>%n पंक्ति कॉपी हुई</numerusform>
                <numerusform>%n पंक्तियाँ कॉपी हुईं</numerusform>
            </translation>
        </message>
        <message>
            <source>About QuantScope</source>
            <translation>QuantScope के बारे में</translation>
        </message>
        <message numerus="yes">
            <source>accuracy on %n position(s), reference perplexity %1</source>
            <translation>
                <numerusform>%n स्थिति पर सटीकता, संदर्भ पर्प्लेक्सिटी %1</numerusform>
                <numerusform>%n स्थितियों पर सटीकता, संदर्भ पर्प्लेक्सिटी %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Plan for size: %1 tensors planned, %2 (%3 bits/weight), KL %4</source>
            <translation>आकार के लिए योजना: %1 टेंसर नियोजित, %2 (%3 बिट/भार), KL %4</translation>
        </message>
        <message>
            <source>Open &amp;Built-in Model</source>
            <translation>अंतर्निहित मॉडल खोलें(&amp;B)</translation>
        </message>
        <message>
            <source>Cannot open the built-in model</source>
            <translation>अंतर्निहित मॉडल नहीं खुल सका</translation>
        </message>
        <message>
            <source>Open a model to compare precisions.</source>
            <translation>प्रिसिज़न की तुलना के लिए कोई मॉडल खोलें।</translation>
        </message>
        <message>
            <source>Whole model: press Run (F5) to quantize every tensor at the checked precisions; one row per precision.</source>
            <translation>पूरा मॉडल: चुने गए प्रिसिज़न पर हर टेन्सर को क्वांटाइज़ करने के लिए चलाएँ (F5) दबाएँ; हर प्रिसिज़न की एक पंक्ति।</translation>
        </message>
        <message>
            <source>Whole model: each row quantizes every eligible tensor at one precision (hover a row for its formats and fallbacks).</source>
            <translation>पूरा मॉडल: हर पंक्ति सभी योग्य टेन्सर को एक प्रिसिज़न पर क्वांटाइज़ करती है (उसके फ़ॉर्मैट और फ़ॉलबैक देखने के लिए पंक्ति पर माउस रखें)।</translation>
        </message>
        <message>
            <source>Turn on Analysis &gt; Evaluate Model Accuracy for KL and perplexity.</source>
            <translation>KL और परप्लेक्सिटी के लिए विश्लेषण &gt; मॉडल की सटीकता मापें चालू करें।</translation>
        </message>
        <message>
            <source>This synthetic demo has random-like weights: its perplexity (in the thousands) and Δ perplexity mean little; the built-in stories260K model (File &gt; Open Built-in Model) is a real one.</source>
            <translation>इस सिंथेटिक डेमो के वेट लगभग यादृच्छिक हैं: इसकी परप्लेक्सिटी (हज़ारों में) और Δ परप्लेक्सिटी का अधिक अर्थ नहीं है; अंतर्निहित stories260K मॉडल (फ़ाइल &gt; अंतर्निहित मॉडल खोलें) असली मॉडल है।</translation>
        </message>
        <message>
            <source>&lt;h3&gt;QuantScope %1&lt;/h3&gt;&lt;p&gt;See what quantization does to a language model's weights.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;br&gt;QCustomPlot %4&lt;br&gt;Eigen %5&lt;/p&gt;&lt;p&gt;Built-in model: stories260K by Andrej Karpathy (llama2.c, MIT licence).&lt;/p&gt;</source>
            <translation>&lt;h3&gt;QuantScope %1&lt;/h3&gt;&lt;p&gt;देखें कि क्वांटाइज़ेशन किसी भाषा मॉडल के वेट के साथ क्या करता है।&lt;/p&gt;&lt;p&gt;Qt %2 (%3 के साथ बनाया गया)&lt;br&gt;QCustomPlot %4&lt;br&gt;Eigen %5&lt;/p&gt;&lt;p&gt;अंतर्निहित मॉडल: Andrej Karpathy का stories260K (llama2.c, MIT लाइसेंस)।&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Plan %1 bpw + error feedback</source>
            <translation>योजना %1 बिट/वेट + एरर फ़ीडबैक</translation>
        </message>
        <message>
            <source>Plan %1 bpw + imatrix</source>
            <translation>योजना %1 बिट/वेट + imatrix</translation>
        </message>
        <message>
            <source>Plan %1 bpw</source>
            <translation>योजना %1 बिट/वेट</translation>
        </message>
        <message>
            <source>stories260K: a real 260K-parameter llama trained on TinyStories (MIT), built into QuantScope</source>
            <translation>stories260K: TinyStories पर प्रशिक्षित एक असली 260K-पैरामीटर llama मॉडल (MIT), QuantScope में अंतर्निहित</translation>
        </message>
        <message>
            <source>A synthetic llama-shaped model built in memory (12 M parameters) with random-like weights: shapes and sizes are real, its perplexity is meaningless</source>
            <translation>मेमोरी में बना एक सिंथेटिक llama-आकार का मॉडल (1.2 करोड़ पैरामीटर) जिसके वेट लगभग यादृच्छिक हैं: आकार और साइज़ असली हैं, इसकी परप्लेक्सिटी का कोई अर्थ नहीं</translation>
        </message>
        <message>
            <source>Turn on Analysis &gt; Measure Speed for tokens/s.</source>
            <translation>टोकन/से के लिए विश्लेषण &gt; गति मापें चालू करें।</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::EvaluationController</name>
        <message>
            <source>How many tokens the sampled calibration stream of the importance matrix and error feedback has (quantscope-cli --calib-sample; default %1). More take proportionally longer; on a small model they lower error feedback's KL (stories260K at Q4_0: 0.51× plain with 1024, 0.49× with 8192).</source>
            <translation>इम्पॉर्टेंस मैट्रिक्स और एरर फ़ीडबैक की सैंपल की गई कैलिब्रेशन स्ट्रीम में कितने टोकन हों (quantscope-cli --calib-sample; डिफ़ॉल्ट %1)। ज़्यादा टोकन अनुपात में ज़्यादा समय लेते हैं; छोटे मॉडल पर वे एरर फ़ीडबैक का KL घटाते हैं (Q4_0 पर stories260K: 1024 के साथ साधारण का 0.51×, 8192 के साथ 0.49×)।</translation>
        </message>
        <message>
            <source>Calibration T&amp;okens (%1)…</source>
            <translation>कैलिब्रेशन टोकन (%1)(&amp;O)…</translation>
        </message>
        <message>
            <source>Tokens sampled for the importance matrix and error feedback:</source>
            <translation>इम्पॉर्टेंस मैट्रिक्स और एरर फ़ीडबैक के लिए सैंपल किए गए टोकन:</translation>
        </message>
        <message>
            <source>Calibration Tokens</source>
            <translation>कैलिब्रेशन टोकन</translation>
        </message>
        <message>
            <source>Evaluate on Text File</source>
            <translation>टेक्स्ट फ़ाइल पर मूल्यांकन</translation>
        </message>
        <message>
            <source>Text files (*.txt);;All files (*)</source>
            <translation>टेक्स्ट फ़ाइलें (*.txt);;सभी फ़ाइलें (*)</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>सटीकता</translation>
        </message>
        <message>
            <source>Evaluate Model &amp;Accuracy</source>
            <translation>मॉडल की सटीकता मापें(&amp;A)</translation>
        </message>
        <message>
            <source>Evaluate accuracy</source>
            <translation>सटीकता मापें</translation>
        </message>
        <message>
            <source>Run also runs the model: on %1 tokens sampled from the original model (seed %2, as quantscope-cli compare --eval does), each precision's mean and p99 KL divergence of the next-token distribution, top-1 agreement and perplexity. A few seconds on the 12 M demo model. Needs a llama-shaped model.</source>
            <translation>तब “चलाएँ” मॉडल को भी चलाता है: मूल मॉडल से सैंपल किए गए %1 टोकन पर (सीड %2, जैसा quantscope-cli compare --eval करता है), हर प्रिसिज़न के लिए अगले टोकन के वितरण का औसत और p99 KL डाइवर्जेंस, टॉप-1 सहमति और पर्प्लेक्सिटी। 12 M डेमो मॉडल पर कुछ सेकंड। Llama आकार का मॉडल चाहिए।</translation>
        </message>
        <message>
            <source>Run also runs the model: on the text file %1, tokenized with the model's own tokenizer and scored in windows as llama-perplexity does (quantscope-cli compare --eval --text), each precision's mean and p99 KL divergence, top-1 agreement and perplexity. Needs a llama-shaped model with a real tokenizer.</source>
            <translation>तब “चलाएँ” मॉडल को भी चलाता है: टेक्स्ट फ़ाइल %1 पर, मॉडल के अपने टोकनाइज़र से टोकन बनाकर और llama-perplexity की तरह विंडो में स्कोर करके (quantscope-cli compare --eval --text), हर प्रिसिज़न के लिए औसत और p99 KL डाइवर्जेंस, टॉप-1 सहमति और पर्प्लेक्सिटी। असली टोकनाइज़र वाला Llama आकार का मॉडल चाहिए।</translation>
        </message>
        <message>
            <source>Evaluate on &amp;Text File…</source>
            <translation>टेक्स्ट फ़ाइल पर मूल्यांकन(&amp;T)…</translation>
        </message>
        <message>
            <source>Calibrate on Text File</source>
            <translation>टेक्स्ट फ़ाइल पर कैलिब्रेट करें</translation>
        </message>
        <message>
            <source>Calibrate on Te&amp;xt File…</source>
            <translation>टेक्स्ट फ़ाइल पर कैलिब्रेट करें(&amp;X)…</translation>
        </message>
        <message>
            <source>Calibrate the importance matrix and error feedback on a text file of yours instead of sampled tokens (tokenized with the model's own tokenizer; another file than the evaluation text). Uncheck to calibrate on sampled tokens again.</source>
            <translation>इम्पॉर्टेंस मैट्रिक्स और एरर फ़ीडबैक को सैंपल किए गए टोकन के बजाय अपनी टेक्स्ट फ़ाइल पर कैलिब्रेट करें (मॉडल के अपने टोकनाइज़र से टोकन में बाँटी गई; मूल्यांकन वाले टेक्स्ट से अलग फ़ाइल)। फिर से सैंपल किए गए टोकन पर कैलिब्रेट करने के लिए अनचेक करें।</translation>
        </message>
        <message>
            <source>Calibrating on the text file %1. Uncheck to calibrate on sampled tokens again.</source>
            <translation>टेक्स्ट फ़ाइल %1 पर कैलिब्रेट हो रहा है। फिर से सैंपल किए गए टोकन पर कैलिब्रेट करने के लिए अनचेक करें।</translation>
        </message>
        <message>
            <source>Also quantize every precision with an importance matrix (mean squared activations over the text file %1) and show it as a second row “&lt;type&gt; + imatrix”</source>
            <translation>हर प्रिसिज़न को एक इम्पॉर्टेंस मैट्रिक्स (टेक्स्ट फ़ाइल %1 पर एक्टिवेशन के वर्गों का औसत) के साथ भी क्वांटाइज़ करें और उसे दूसरी पंक्ति “&lt;टाइप&gt; + imatrix” के रूप में दिखाएँ</translation>
        </message>
        <message>
            <source>Calibrated on the text file %1 instead.</source>
            <translation>इसके बजाय टेक्स्ट फ़ाइल %1 पर कैलिब्रेट किया गया।</translation>
        </message>
        <message>
            <source>Evaluate on a text file of yours instead of sampled tokens: tokenized with the model's own tokenizer, windows of the context length, the second half of each scored (as llama-perplexity). Uncheck to evaluate on sampled tokens again.</source>
            <translation>सैंपल किए गए टोकन के बजाय अपनी टेक्स्ट फ़ाइल पर मूल्यांकन करें: मॉडल के अपने टोकनाइज़र से टोकन, संदर्भ लंबाई की विंडो, हर विंडो का दूसरा आधा स्कोर होता है (llama-perplexity की तरह)। फिर से सैंपल किए गए टोकन पर मूल्यांकन के लिए अनचेक करें।</translation>
        </message>
        <message>
            <source>Use &amp;Importance Matrix</source>
            <translation>इम्पॉर्टेंस मैट्रिक्स का उपयोग करें(&amp;I)</translation>
        </message>
        <message>
            <source>+ imatrix</source>
            <translation>+ imatrix</translation>
        </message>
        <message>
            <source>Also quantize every precision with an importance matrix (mean squared activations over %1 tokens sampled with seed %2, a different stream from the evaluation one) and show it as a second row “&lt;type&gt; + imatrix”</source>
            <translation>हर प्रिसिज़न को इम्पॉर्टेंस मैट्रिक्स के साथ भी क्वांटाइज़ करें (सीड %2 से सैंपल किए गए %1 टोकन पर औसत वर्गित एक्टिवेशन, मूल्यांकन वाली धारा से अलग धारा) और उसे दूसरी पंक्ति “&lt;टाइप&gt; + imatrix” के रूप में दिखाएँ</translation>
        </message>
        <message>
            <source>Use Error-&amp;Feedback Rounding</source>
            <translation>एरर-फ़ीडबैक राउंडिंग का उपयोग करें(&amp;F)</translation>
        </message>
        <message>
            <source>+ error feedback</source>
            <translation>+ एरर फ़ीडबैक</translation>
        </message>
        <message>
            <source>Also quantize every precision with error-feedback rounding (GPTQ-style: each weight matrix is rounded so that its output on %1 tokens sampled with seed %2, a different stream from the evaluation one, changes least; the bytes are ordinary llama.cpp blocks, as quantscope-cli quantize --error-feedback writes them) and show it as a row “&lt;type&gt; + error feedback”. Collecting each matrix's input moments takes memory growing with the square of its width: meant for small models.</source>
            <translation>हर प्रिसिज़न को एरर-फ़ीडबैक राउंडिंग से भी क्वांटाइज़ करें (GPTQ जैसा: हर वेट मैट्रिक्स इस तरह राउंड होता है कि सीड %2 से सैंपल किए गए %1 टोकन पर — मूल्यांकन से अलग स्ट्रीम — उसका आउटपुट सबसे कम बदले; बाइट सामान्य llama.cpp ब्लॉक हैं, जैसे quantscope-cli quantize --error-feedback लिखता है) और उसे “&lt;प्रकार&gt; + एरर फ़ीडबैक” पंक्ति के रूप में दिखाएँ। हर मैट्रिक्स के इनपुट मोमेंट जुटाने में मेमोरी उसकी चौड़ाई के वर्ग के साथ बढ़ती है: छोटे मॉडलों के लिए।</translation>
        </message>
        <message>
            <source>Measure S&amp;peed</source>
            <translation>गति मापें(&amp;P)</translation>
        </message>
        <message>
            <source>Measure speed</source>
            <translation>गति मापें</translation>
        </message>
        <message numerus="yes">
            <source>Run also measures how fast the model runs on its quantized weights, as quantscope-cli bench-model does: decode tokens/s (128 tokens one at a time after a 16-token prompt, llama-bench's tg128) and prompt tokens/s (one 512-token batch, pp512; both at most the context length) with %n thread(s), for the opened model as stored (a source row) and for each precision; “speed ×” is the decode speed over the source's. Needs a llama-shaped model.</source>
            <translation>
                <numerusform>“चलाएँ” यह भी मापता है कि मॉडल अपने क्वांटाइज़ किए गए वज़न पर कितनी तेज़ी से चलता है, जैसे quantscope-cli bench-model: डिकोड टोकन/से (16 टोकन के प्रॉम्प्ट के बाद एक-एक करके 128 टोकन, llama-bench का tg128) और प्रॉम्प्ट टोकन/से (512 टोकन का एक बैच, pp512; दोनों अधिकतम कॉन्टेक्स्ट लंबाई तक), %n थ्रेड के साथ, संग्रहीत रूप में खोले गए मॉडल (एक स्रोत पंक्ति) और हर प्रिसिज़न के लिए; “गति ×” स्रोत की तुलना में डिकोड गति है। Llama आकार का मॉडल चाहिए।</numerusform>
                <numerusform>“चलाएँ” यह भी मापता है कि मॉडल अपने क्वांटाइज़ किए गए वज़न पर कितनी तेज़ी से चलता है, जैसे quantscope-cli bench-model: डिकोड टोकन/से (16 टोकन के प्रॉम्प्ट के बाद एक-एक करके 128 टोकन, llama-bench का tg128) और प्रॉम्प्ट टोकन/से (512 टोकन का एक बैच, pp512; दोनों अधिकतम कॉन्टेक्स्ट लंबाई तक), %n थ्रेड के साथ, संग्रहीत रूप में खोले गए मॉडल (एक स्रोत पंक्ति) और हर प्रिसिज़न के लिए; “गति ×” स्रोत की तुलना में डिकोड गति है। Llama आकार का मॉडल चाहिए।</numerusform>
            </translation>
        </message>
        <message>
            <source>T&amp;hreads</source>
            <translation>थ्रेड(&amp;H)</translation>
        </message>
        <message>
            <source>How many threads QuantScope computes with (quantizing, evaluating, measuring speed); like quantscope-cli --threads. Applies to work started afterwards.</source>
            <translation>QuantScope कितने थ्रेड से गणना करता है (क्वांटाइज़ करना, मूल्यांकन, गति मापना); quantscope-cli --threads जैसा। बाद में शुरू होने वाले काम पर लागू होता है।</translation>
        </message>
        <message numerus="yes">
            <source>&amp;All Cores (%n)</source>
            <translation>
                <numerusform>सभी कोर (%n)(&amp;A)</numerusform>
                <numerusform>सभी कोर (%n)(&amp;A)</numerusform>
            </translation>
        </message>
        <message>
            <source>Acti&amp;vations</source>
            <translation>एक्टिवेशन(&amp;V)</translation>
        </message>
        <message>
            <source>&amp;llama.cpp: Quantized Activations</source>
            <translation>llama.cpp: क्वांटाइज़ किए गए एक्टिवेशन(&amp;L)</translation>
        </message>
        <message>
            <source>&amp;Float Activations (Weights Only)</source>
            <translation>फ़्लोट एक्टिवेशन (केवल वज़न)(&amp;F)</translation>
        </message>
        <message>
            <source>Activations:</source>
            <translation>एक्टिवेशन:</translation>
        </message>
        <message>
            <source>float</source>
            <translation>फ़्लोट</translation>
        </message>
        <message>
            <source>How activations meet the weights when the model runs (accuracy, speed, sensitivity, plan for size). llama.cpp (default): each activation row is quantized to the format's vec-dot type (Q8_0, Q8_1 or Q8_K) as llama.cpp does, so the KL is the one llama.cpp gives for the exported file. float: activations stay float, the KL of the weights' rounding alone. Changing it clears the results measured with the other mode and redoes the last Run.</source>
            <translation>मॉडल चलने पर एक्टिवेशन वज़न से कैसे मिलते हैं (सटीकता, गति, संवेदनशीलता, आकार के लिए योजना)। llama.cpp (डिफ़ॉल्ट): हर एक्टिवेशन पंक्ति llama.cpp की तरह फ़ॉर्मेट के vec-dot प्रकार (Q8_0, Q8_1 या Q8_K) में क्वांटाइज़ होती है, इसलिए KL वही है जो llama.cpp निर्यात की गई फ़ाइल के लिए देता है। फ़्लोट: एक्टिवेशन फ़्लोट रहते हैं, KL केवल वज़न की राउंडिंग का। बदलने पर दूसरे मोड में मापे गए परिणाम हट जाते हैं और पिछला रन फिर से चलता है।</translation>
        </message>
        <message>
            <source>Not a llama-shaped model: its accuracy cannot be measured</source>
            <translation>यह Llama आकार का मॉडल नहीं है: इसकी सटीकता नहीं मापी जा सकती</translation>
        </message>
        <message>
            <source>Not a llama-shaped model: its speed cannot be measured</source>
            <translation>यह Llama आकार का मॉडल नहीं है: इसकी गति नहीं मापी जा सकती</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SensitivityController</name>
        <message>
            <source>Most sensitive at %1: %2 (KL %3)</source>
            <translation>%1 पर सबसे संवेदनशील: %2 (KL %3)</translation>
        </message>
        <message>
            <source>Sensitivity</source>
            <translation>संवेदनशीलता</translation>
        </message>
        <message>
            <source>Tensor &amp;Sensitivity</source>
            <translation>टेंसर संवेदनशीलता(&amp;S)</translation>
        </message>
        <message>
            <source>KL divergence when only one tensor (or layer) is quantized, ranked</source>
            <translation>केवल एक टेंसर (या परत) को क्वांटाइज़ करने पर KL विचलन, क्रम से</translation>
        </message>
        <message>
            <source>Plan for Si&amp;ze…</source>
            <translation>आकार के लिए योजना(&amp;Z)…</translation>
        </message>
        <message>
            <source>Mixed precision for a size target: the per-tensor plan with the least KL</source>
            <translation>लक्ष्य आकार के लिए मिश्रित परिशुद्धता: सबसे कम KL वाली प्रति-टेंसर योजना</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::TeachingController</name>
        <message>
            <source>What's &amp;This?</source>
            <translation>यह क्या है?(&amp;T)</translation>
        </message>
        <message>
            <source>Explain in the quantization primer</source>
            <translation>क्वांटाइज़ेशन परिचय में समझाएँ</translation>
        </message>
        <message>
            <source>Block inspector</source>
            <translation>ब्लॉक इंस्पेक्टर</translation>
        </message>
        <message>
            <source>&amp;Block Inspector</source>
            <translation>ब्लॉक इंस्पेक्टर(&amp;B)</translation>
        </message>
        <message>
            <source>One block of a tensor: its weights, the grid of levels, codes, scales and formula</source>
            <translation>टेन्सर का एक ब्लॉक: उसके वज़न, स्तरों का ग्रिड, कोड, स्केल और सूत्र</translation>
        </message>
        <message>
            <source>Quantization &amp;Primer</source>
            <translation>क्वांटाइज़ेशन परिचय(&amp;P)</translation>
        </message>
        <message>
            <source>What quantization is, with examples computed from the open model</source>
            <translation>क्वांटाइज़ेशन क्या है, खुले मॉडल से गणना किए गए उदाहरणों के साथ</translation>
        </message>
        <message>
            <source>Right-click a column to read about it in the quantization primer</source>
            <translation>किसी स्तंभ के बारे में क्वांटाइज़ेशन परिचय में पढ़ने के लिए उस पर राइट-क्लिक करें</translation>
        </message>
        <message>
            <source>Click a control to read what it shows, with a link into the quantization primer</source>
            <translation>कोई नियंत्रण क्लिक करें और पढ़ें कि वह क्या दिखाता है, क्वांटाइज़ेशन परिचय की लिंक के साथ</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::ModelBrowser</name>
        <message>
            <source>(keep)</source>
            <translation>(रखें)</translation>
        </message>
        <message>
            <source>Filter tensors…</source>
            <translation>टेन्सर फ़िल्टर करें…</translation>
        </message>
        <message>
            <source>Fill the plan column from a preset</source>
            <translation>योजना स्तंभ को किसी प्रीसेट से भरें</translation>
        </message>
        <message>
            <source>Plan preset…</source>
            <translation>योजना प्रीसेट…</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>नाम</translation>
        </message>
        <message>
            <source>Shape</source>
            <translation>आकार</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>प्रकार</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>पैरामीटर</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>साइज़</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>योजना</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>कोई मॉडल नहीं</translation>
        </message>
        <message>
            <source>Layer %1</source>
            <translation>परत %1</translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s)</source>
            <translation>
                <numerusform>%n टेन्सर</numerusform>
                <numerusform>%n टेन्सर</numerusform>
            </translation>
        </message>
        <message>
            <source>Double-click to set the target type of this tensor (applies to every selected tensor)</source>
            <translation>इस टेन्सर का लक्ष्य प्रकार सेट करने के लिए डबल-क्लिक करें (सभी चुने गए टेन्सर पर लागू)</translation>
        </message>
        <message>
            <source>Open a model (File ▸ Open…) or drop a file here.</source>
            <translation>कोई मॉडल खोलें (फ़ाइल ▸ खोलें…) या यहाँ फ़ाइल छोड़ें।</translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s) · %1 parameters · size now %2 · after the plan %3 (%4 bits/weight)</source>
            <translation>
                <numerusform>%n टेन्सर · %1 पैरामीटर · अभी साइज़ %2 · योजना के बाद %3 (%4 बिट/वज़न)</numerusform>
                <numerusform>%n टेन्सर · %1 पैरामीटर · अभी साइज़ %2 · योजना के बाद %3 (%4 बिट/वज़न)</numerusform>
            </translation>
        </message>
        <message>
            <source>Tensor name, grouped by layer</source>
            <translation>टेन्सर का नाम, परत के अनुसार समूहित</translation>
        </message>
        <message>
            <source>Rows × columns of the tensor</source>
            <translation>टेन्सर की पंक्तियाँ × स्तंभ</translation>
        </message>
        <message>
            <source>Storage type of the tensor in the opened file</source>
            <translation>खोली गई फ़ाइल में टेन्सर का संग्रहण प्रकार</translation>
        </message>
        <message>
            <source>Number of weights</source>
            <translation>वज़न की संख्या</translation>
        </message>
        <message>
            <source>Bytes the tensor takes in the opened file</source>
            <translation>खोली गई फ़ाइल में टेन्सर द्वारा लिए गए बाइट</translation>
        </message>
        <message>
            <source>Target type of the tensor in the mixed-precision plan (double-click to change)</source>
            <translation>मिश्रित-प्रिसिज़न योजना में टेन्सर का लक्ष्य प्रकार (बदलने के लिए डबल-क्लिक करें)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::PlotsWidget</name>
        <message>
            <source>Log scale</source>
            <translation>लॉग स्केल</translation>
        </message>
        <message>
            <source>Logarithmic count axis for the histograms</source>
            <translation>हिस्टोग्राम के लिए लघुगणकीय गणना अक्ष</translation>
        </message>
        <message>
            <source>Levels of:</source>
            <translation>स्तर:</translation>
        </message>
        <message>
            <source>Precision whose reconstruction levels and dequantized histogram are drawn over the weight histogram</source>
            <translation>वह प्रिसिज़न जिसके पुनर्निर्माण स्तर और डीक्वांटाइज़्ड हिस्टोग्राम वज़न हिस्टोग्राम पर बनाए जाते हैं</translation>
        </message>
        <message>
            <source>Per layer:</source>
            <translation>प्रति परत:</translation>
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
            <translation>ट्रेड-ऑफ़ x:</translation>
        </message>
        <message>
            <source>Bits per weight</source>
            <translation>प्रति वज़न बिट</translation>
        </message>
        <message>
            <source>Size (MB)</source>
            <translation>साइज़ (MB)</translation>
        </message>
        <message>
            <source>Reset view</source>
            <translation>दृश्य रीसेट करें</translation>
        </message>
        <message>
            <source>Fit the axes to the data (also: double-click the plot)</source>
            <translation>अक्षों को डेटा के अनुसार करें (या: प्लॉट पर डबल-क्लिक करें)</translation>
        </message>
        <message>
            <source>Weight histogram</source>
            <translation>वज़न हिस्टोग्राम</translation>
        </message>
        <message>
            <source>Error distribution</source>
            <translation>त्रुटि वितरण</translation>
        </message>
        <message>
            <source>Per-layer error</source>
            <translation>प्रति-परत त्रुटि</translation>
        </message>
        <message>
            <source>Trade-off</source>
            <translation>ट्रेड-ऑफ़</translation>
        </message>
        <message>
            <source>Select a tensor or open a model</source>
            <translation>कोई टेन्सर चुनें या मॉडल खोलें</translation>
        </message>
        <message>
            <source>Press Run to compare the checked precisions over the whole model</source>
            <translation>पूरे मॉडल पर चुने गए प्रिसिज़न की तुलना के लिए चलाएँ दबाएँ</translation>
        </message>
        <message>
            <source>%1 — RMSE %2 · SQNR %3 dB · max %4</source>
            <translation>%1 — RMSE %2 · SQNR %3 dB · अधिकतम %4</translation>
        </message>
        <message>
            <source>Error (dequantized − original): %1</source>
            <translation>त्रुटि (डीक्वांटाइज़्ड − मूल): %1</translation>
        </message>
        <message>
            <source>error</source>
            <translation>त्रुटि</translation>
        </message>
        <message>
            <source>density</source>
            <translation>घनत्व</translation>
        </message>
        <message>
            <source>weight value</source>
            <translation>वज़न मान</translation>
        </message>
        <message>
            <source>count</source>
            <translation>गिनती</translation>
        </message>
        <message>
            <source>Press Run for the whole model's error distribution, or select a tensor</source>
            <translation>पूरे मॉडल के त्रुटि वितरण के लिए चलाएँ दबाएँ, या कोई टेन्सर चुनें</translation>
        </message>
        <message>
            <source>dequantized %1</source>
            <translation>डीक्वांटाइज़्ड %1</translation>
        </message>
        <message>
            <source>levels of one %1 block</source>
            <translation>एक %1 ब्लॉक के स्तर</translation>
        </message>
        <message>
            <source>levels</source>
            <translation>स्तर</translation>
        </message>
        <message>
            <source>Weights: %1</source>
            <translation>वज़न: %1</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n reconstruction level(s) in %2 (move the mouse over the histogram to pick another block)</source>
            <translation>
                <numerusform>%1: %2 में %n पुनर्निर्माण स्तर (दूसरा ब्लॉक चुनने के लिए माउस हिस्टोग्राम पर ले जाएँ)</numerusform>
                <numerusform>%1: %2 में %n पुनर्निर्माण स्तर (दूसरा ब्लॉक चुनने के लिए माउस हिस्टोग्राम पर ले जाएँ)</numerusform>
            </translation>
        </message>
        <message>
            <source>Error (dequantized − original): whole model</source>
            <translation>त्रुटि (डीक्वांटाइज़्ड − मूल): पूरा मॉडल</translation>
        </message>
        <message>
            <source>tensor (in model order; ticks at the first tensor of each layer)</source>
            <translation>टेन्सर (मॉडल क्रम में; हर परत के पहले टेन्सर पर निशान)</translation>
        </message>
        <message>
            <source>Per-tensor error along the model</source>
            <translation>मॉडल में प्रति-टेन्सर त्रुटि</translation>
        </message>
        <message>
            <source>Size vs error: %1</source>
            <translation>साइज़ बनाम त्रुटि: %1</translation>
        </message>
        <message>
            <source>Size vs error: whole model</source>
            <translation>साइज़ बनाम त्रुटि: पूरा मॉडल</translation>
        </message>
        <message>
            <source>Pareto front</source>
            <translation>पैरेटो फ़्रंट</translation>
        </message>
        <message>
            <source>size (MB)</source>
            <translation>साइज़ (MB)</translation>
        </message>
        <message>
            <source>bits per weight</source>
            <translation>प्रति वज़न बिट</translation>
        </message>
        <message>
            <source>SQNR (dB) — higher is better</source>
            <translation>SQNR (dB) — जितना अधिक उतना बेहतर</translation>
        </message>
        <message>
            <source>error:</source>
            <translation>त्रुटि:</translation>
        </message>
        <message>
            <source>Weight SQNR (dB)</source>
            <translation>वज़न SQNR (dB)</translation>
        </message>
        <message>
            <source>Weight RMSE</source>
            <translation>वज़न RMSE</translation>
        </message>
        <message>
            <source>Mean KL (model)</source>
            <translation>औसत KL (मॉडल)</translation>
        </message>
        <message>
            <source>Error axis of the trade-off plot; mean KL needs a Run with Analysis &gt; Evaluate Model Accuracy</source>
            <translation>ट्रेड-ऑफ़ प्लॉट की त्रुटि अक्ष; औसत KL के लिए विश्लेषण &gt; मॉडल की सटीकता मापें के साथ रन चाहिए</translation>
        </message>
        <message>
            <source>Mean KL: turn on Analysis &gt; Evaluate Model Accuracy and press Run</source>
            <translation>औसत KL: विश्लेषण &gt; मॉडल की सटीकता मापें चालू करें और “चलाएँ” दबाएँ</translation>
        </message>
        <message>
            <source>Size vs mean KL divergence: whole model</source>
            <translation>आकार बनाम औसत KL डाइवर्जेंस: पूरा मॉडल</translation>
        </message>
        <message>
            <source>weight RMSE — lower is better</source>
            <translation>वज़न RMSE — कम बेहतर है</translation>
        </message>
        <message>
            <source>mean KL divergence (nats) — lower is better</source>
            <translation>औसत KL डाइवर्जेंस (nats) — कम बेहतर है</translation>
        </message>
        <message>
            <source>How the weights are distributed, with the levels a precision can represent</source>
            <translation>वज़न कैसे वितरित हैं, और कोई प्रिसिज़न कौन-से स्तर दर्शा सकता है</translation>
        </message>
        <message>
            <source>Distribution of the rounding error per precision</source>
            <translation>हर प्रिसिज़न की राउंडिंग त्रुटि का वितरण</translation>
        </message>
        <message>
            <source>The error of every tensor along the model</source>
            <translation>पूरे मॉडल में हर टेन्सर की त्रुटि</translation>
        </message>
        <message>
            <source>Storage against error for each precision, with the Pareto front</source>
            <translation>हर प्रिसिज़न के लिए संग्रहण बनाम त्रुटि, पैरेटो फ़्रंट के साथ</translation>
        </message>
        <message>
            <source>original weights (%1)</source>
            <translation>मूल वेट (%1)</translation>
        </message>
        <message>
            <source>The whole model's weights. Select a tensor in the Model list to see the levels a precision gives its blocks, or press Run (F5) to compare the checked precisions.</source>
            <translation>पूरे मॉडल के वेट। मॉडल सूची में कोई टेन्सर चुनें ताकि दिखे कि कोई प्रिसिज़न उसके ब्लॉकों को कौन-से स्तर देता है, या चुने गए प्रिसिज़न की तुलना के लिए चलाएँ (F5) दबाएँ।</translation>
        </message>
        <message>
            <source>original (%1 weights)</source>
            <translation>मूल (%1 वेट)</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 of %n level(s) used in %3 (move the mouse over the histogram to pick another block)</source>
            <translation>
                <numerusform>%1: %3 में %n में से %2 स्तर उपयोग में (दूसरा ब्लॉक चुनने के लिए हिस्टोग्राम पर माउस घुमाएँ)</numerusform>
                <numerusform>%1: %3 में %n में से %2 स्तर उपयोग में (दूसरा ब्लॉक चुनने के लिए हिस्टोग्राम पर माउस घुमाएँ)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (same as %2)</source>
            <translation>%1 (%2 के समान)</translation>
        </message>
        <message>
            <source>Decode speed ×</source>
            <translation>डिकोड गति ×</translation>
        </message>
        <message>
            <source>Size axis of the trade-off plot, or the decode speed over the opened model's (needs a Run with Analysis &gt; Measure Speed): size, speed and error, the three-way trade-off</source>
            <translation>ट्रेड-ऑफ़ प्लॉट का आकार अक्ष, या खोले गए मॉडल की तुलना में डिकोड गति (विश्लेषण &gt; गति मापें के साथ रन चाहिए): आकार, गति और त्रुटि, तीन-तरफ़ा ट्रेड-ऑफ़</translation>
        </message>
        <message>
            <source>Decode speed: turn on Analysis &gt; Measure Speed and press Run</source>
            <translation>डिकोड गति: विश्लेषण &gt; गति मापें चालू करें और “चलाएँ” दबाएँ</translation>
        </message>
        <message>
            <source>Decode speed vs mean KL divergence: whole model</source>
            <translation>डिकोड गति बनाम औसत KL डाइवर्जेंस: पूरा मॉडल</translation>
        </message>
        <message>
            <source>Decode speed vs error: whole model</source>
            <translation>डिकोड गति बनाम त्रुटि: पूरा मॉडल</translation>
        </message>
        <message>
            <source>decode speed × (tokens/s over the source %1's) — higher is faster</source>
            <translation>डिकोड गति × (स्रोत %1 की तुलना में टोकन/से) — अधिक यानी तेज़</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::PrecisionBar</name>
        <message>
            <source>Precisions</source>
            <translation>प्रिसिज़न</translation>
        </message>
        <message>
            <source>Choose the precisions to compare</source>
            <translation>तुलना के लिए प्रिसिज़न चुनें</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>चलाएँ</translation>
        </message>
        <message>
            <source>Quantize the whole model at every checked precision and measure the error (F5)</source>
            <translation>हर चुने गए प्रिसिज़न पर पूरे मॉडल को क्वांटाइज़ करें और त्रुटि मापें (F5)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>रद्द करें</translation>
        </message>
        <message>
            <source>(none checked)</source>
            <translation>(कोई नहीं चुना)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::Primer</name>
        <message>
            <source>Live example:</source>
            <translation>लाइव उदाहरण:</translation>
        </message>
        <message>
            <source>Quantization primer</source>
            <translation>क्वांटाइज़ेशन परिचय</translation>
        </message>
        <message>
            <source>No model is open: the examples use a synthetic tensor of %1 × %2 Gaussian weights.</source>
            <translation>कोई मॉडल खुला नहीं है: उदाहरण %1 × %2 गॉसियन वज़न वाले एक कृत्रिम टेन्सर पर आधारित हैं।</translation>
        </message>
        <message>
            <source>The examples are computed from %1; per-tensor numbers use the first %2 rows of its largest tensor, %3 (%4 columns).</source>
            <translation>उदाहरण %1 से गणना किए गए हैं; प्रति-टेन्सर संख्याएँ इसके सबसे बड़े टेन्सर %3 (%4 स्तंभ) की पहली %2 पंक्तियों का उपयोग करती हैं।</translation>
        </message>
        <message>
            <source>the open model</source>
            <translation>खुले मॉडल</translation>
        </message>
        <message>
            <source>this model's eligible weights: FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4.</source>
            <translation>इस मॉडल के योग्य वज़न: FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4।</translation>
        </message>
        <message>
            <source>%1 weights: FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5.</source>
            <translation>%1 वज़न: FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5।</translation>
        </message>
        <message>
            <source>What quantization is</source>
            <translation>क्वांटाइज़ेशन क्या है</translation>
        </message>
        <message>
            <source>A model's weights are real numbers, normally stored with 32 or 16 bits each. Quantization stores each weight as a small integer code instead (8, 4 or even 2 bits) plus a few shared numbers that say how to turn codes back into values. The model becomes smaller and faster to move through memory; the price is that every weight is replaced by the nearest value the code can express.</source>
            <translation>मॉडल के वज़न वास्तविक संख्याएँ होते हैं, जो आम तौर पर 32 या 16 बिट में संग्रहीत होते हैं। क्वांटाइज़ेशन हर वज़न को एक छोटे पूर्णांक कोड (8, 4 या 2 बिट तक) के रूप में संग्रहीत करता है, साथ में कुछ साझा संख्याएँ जो बताती हैं कि कोड को वापस मान में कैसे बदलें। मॉडल छोटा हो जाता है और मेमोरी में तेज़ी से चलता है; कीमत यह है कि हर वज़न की जगह वह निकटतम मान आ जाता है जिसे कोड व्यक्त कर सकता है।</translation>
        </message>
        <message>
            <source>the first 32 weights of the tensor, in INT8 symmetric, get the scale s = %1; the largest of them, %2, is stored as code %3 and comes back as %4. Asymmetric INT8 uses s = %5 and zero point z = %6.</source>
            <translation>टेन्सर के पहले 32 वज़न को INT8 सममित में स्केल s = %1 मिलता है; उनमें सबसे बड़ा, %2, कोड %3 के रूप में संग्रहीत होता है और %4 बनकर लौटता है। असममित INT8 में s = %5 और ज़ीरो पॉइंट z = %6 है।</translation>
        </message>
        <message>
            <source>Scale and zero point</source>
            <translation>स्केल और ज़ीरो पॉइंट</translation>
        </message>
        <message>
            <source>The scale s is the step between two neighbouring codes: a weight x is stored as the integer q = round(x / s) and read back as x̂ = s·q. A zero point z shifts the codes so that they can cover a range that is not centred on zero: x̂ = s·(q − z). The difference x̂ − x is the quantization error; it is at most half a step for weights inside the range.</source>
            <translation>स्केल s दो पड़ोसी कोड के बीच का अंतर है: वज़न x पूर्णांक q = round(x / s) के रूप में संग्रहीत होता है और x̂ = s·q के रूप में वापस पढ़ा जाता है। ज़ीरो पॉइंट z कोड को खिसकाता है ताकि वे ऐसी सीमा को ढक सकें जो शून्य पर केंद्रित नहीं है: x̂ = s·(q − z)। अंतर x̂ − x क्वांटाइज़ेशन त्रुटि है; सीमा के भीतर के वज़न के लिए यह अधिकतम आधा कदम होती है।</translation>
        </message>
        <message>
            <source>INT4 with a scale per 32 weights: symmetric RMSE %1, asymmetric %2. On the same weights made all positive (|x|, like activations after a ReLU) symmetric wastes its negative codes: RMSE %3 against %4.</source>
            <translation>हर 32 वज़न पर एक स्केल वाला INT4: सममित RMSE %1, असममित %2। उन्हीं वज़न को पूरी तरह धनात्मक बनाने पर (|x|, ReLU के बाद की एक्टिवेशन जैसे) सममित अपने ऋणात्मक कोड बर्बाद करता है: RMSE %3 बनाम %4।</translation>
        </message>
        <message>
            <source>Symmetric or asymmetric</source>
            <translation>सममित या असममित</translation>
        </message>
        <message>
            <source>Symmetric quantization puts zero in the middle of the grid and only needs a scale: it fits weights spread evenly around zero, as most are. Asymmetric quantization also stores a zero point (or a minimum) and places its grid over the actual range from the smallest to the largest weight, so no code is wasted when the values lean to one side.</source>
            <translation>सममित क्वांटाइज़ेशन शून्य को ग्रिड के बीच में रखता है और केवल एक स्केल चाहिए: यह शून्य के दोनों ओर समान रूप से फैले वज़न के लिए उपयुक्त है, जैसे अधिकांश होते हैं। असममित क्वांटाइज़ेशन एक ज़ीरो पॉइंट (या न्यूनतम) भी संग्रहीत करता है और अपना ग्रिड सबसे छोटे से सबसे बड़े वज़न की वास्तविक सीमा पर रखता है, इसलिए मान एक ओर झुके हों तब भी कोई कोड बर्बाद नहीं होता।</translation>
        </message>
        <message>
            <source>INT4 symmetric on this tensor: one scale for the tensor SQNR %1, one per row %2, one per 32 weights %3 (at %4, %5 and %6 bits per weight).</source>
            <translation>इस टेन्सर पर INT4 सममित: पूरे टेन्सर के लिए एक स्केल SQNR %1, हर पंक्ति के लिए एक %2, हर 32 वज़न के लिए एक %3 (प्रति वज़न %4, %5 और %6 बिट पर)।</translation>
        </message>
        <message>
            <source>Per tensor, per channel, per group</source>
            <translation>प्रति टेन्सर, प्रति चैनल, प्रति समूह</translation>
        </message>
        <message>
            <source>One scale can serve a whole tensor, each row (output channel), or each small group of weights along a row. The scale has to stretch over the largest weight it covers, so a single large weight coarsens the grid for everything sharing its scale. Smaller groups follow the weights more closely but need more scales.</source>
            <translation>एक स्केल पूरे टेन्सर, हर पंक्ति (आउटपुट चैनल), या पंक्ति के साथ वज़न के हर छोटे समूह के लिए हो सकता है। स्केल को अपने दायरे के सबसे बड़े वज़न तक फैलना पड़ता है, इसलिए एक बड़ा वज़न उस स्केल को साझा करने वाले सभी के लिए ग्रिड मोटा कर देता है। छोटे समूह वज़न का अधिक बारीकी से पालन करते हैं पर उन्हें अधिक स्केल चाहिए।</translation>
        </message>
        <message>
            <source>Q4_0 (a 16-bit scale per 32 weights): %1 bits per weight, SQNR %2. Q4_K (super-blocks of 256 with 6-bit scales and mins per 32): %3 bits per weight, SQNR %4.</source>
            <translation>Q4_0 (हर 32 वज़न पर एक 16-बिट स्केल): प्रति वज़न %1 बिट, SQNR %2। Q4_K (256 के सुपर-ब्लॉक, हर 32 पर 6-बिट स्केल और न्यूनतम): प्रति वज़न %3 बिट, SQNR %4।</translation>
        </message>
        <message>
            <source>(this tensor's rows are not a multiple of 256, so the K-quants do not apply to it.)</source>
            <translation>(इस टेन्सर की पंक्तियाँ 256 का गुणज नहीं हैं, इसलिए K-क्वांट इस पर लागू नहीं होते।)</translation>
        </message>
        <message>
            <source>Blocks and super-blocks</source>
            <translation>ब्लॉक और सुपर-ब्लॉक</translation>
        </message>
        <message>
            <source>llama.cpp's formats cut every row into blocks of 32 weights, each with its own 16-bit scale (Q8_0, Q4_0, ...). The K-quants group 8 or 16 such sub-blocks into a super-block of 256 weights: the super-block keeps one or two 16-bit numbers, and each sub-block's scale is itself quantized to 4, 6 or 8 bits relative to them. Scales stay local, but cost much less. The block inspector shows all of this for any block of the model.</source>
            <translation>llama.cpp के फ़ॉर्मैट हर पंक्ति को 32 वज़न के ब्लॉक में काटते हैं, हर एक का अपना 16-बिट स्केल होता है (Q8_0, Q4_0, ...)। K-क्वांट ऐसे 8 या 16 सब-ब्लॉक को 256 वज़न के एक सुपर-ब्लॉक में समूहित करते हैं: सुपर-ब्लॉक एक या दो 16-बिट संख्याएँ रखता है, और हर सब-ब्लॉक का स्केल उनके सापेक्ष 4, 6 या 8 बिट में क्वांटाइज़ होता है। स्केल स्थानीय रहते हैं, पर बहुत कम खर्चीले। ब्लॉक इंस्पेक्टर मॉडल के किसी भी ब्लॉक के लिए यह सब दिखाता है।</translation>
        </message>
        <message>
            <source>%1: %2 → %3</source>
            <translation>%1: %2 → %3</translation>
        </message>
        <message>
            <source>What bits per weight really cost</source>
            <translation>प्रति वज़न बिट की असली कीमत</translation>
        </message>
        <message>
            <source>A "4-bit" format never costs exactly 4 bits per weight: every scale, zero point and minimum is stored too and shared by the weights of its block. A 16-bit scale per 32 weights adds 0.5 bit to each of them, a scale and a minimum add 1 bit.</source>
            <translation>"4-बिट" फ़ॉर्मैट कभी ठीक 4 बिट प्रति वज़न नहीं लेता: हर स्केल, ज़ीरो पॉइंट और न्यूनतम भी संग्रहीत होता है और उसके ब्लॉक के वज़न में बँटता है। हर 32 वज़न पर एक 16-बिट स्केल हर वज़न में 0.5 बिट जोड़ता है, स्केल और न्यूनतम मिलकर 1 बिट।</translation>
        </message>
        <message>
            <source>code bits → bits per weight with everything counted, on this tensor: %1.</source>
            <translation>कोड बिट → सब कुछ गिनकर प्रति वज़न बिट, इस टेन्सर पर: %1।</translation>
        </message>
        <message>
            <source>A video analogy</source>
            <translation>एक वीडियो उपमा</translation>
        </message>
        <message>
            <source>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</source>
            <translation>एक वीडियो स्ट्रीम के बारे में सोचें: Q8 1440p जैसा है, मूल से अलग पहचानना कठिन; Q4 720p जैसा है, ध्यान से देखने पर साफ़ तौर पर धुंधला पर देखने लायक; Q2 360p जैसा है, कहानी तो है पर बारीकियाँ खो जाती हैं। वीडियो की तरह, छोटी फ़ाइल अक्सर सही विकल्प होती है, बशर्ते आप जानते हों कि उसकी कीमत क्या है।</translation>
        </message>
        <message numerus="yes">
            <source>(%n tensor(s) whose rows a format cannot split use llama.cpp's fallback type.)</source>
            <translation>
                <numerusform>(%n टेन्सर, जिसकी पंक्तियाँ कोई फ़ॉर्मैट बाँट नहीं सकता, llama.cpp का फ़ॉलबैक प्रकार उपयोग करता है।)</numerusform>
                <numerusform>(%n टेन्सर, जिनकी पंक्तियाँ कोई फ़ॉर्मैट बाँट नहीं सकता, llama.cpp का फ़ॉलबैक प्रकार उपयोग करते हैं।)</numerusform>
            </translation>
        </message>
        <message>
            <source>on this tensor %1 keeps an SQNR of %2, %3 %4, %5 %6 (every 10 dB is ten times less error power).</source>
            <translation>इस टेन्सर पर %1 का SQNR %2 है, %3 का %4, %5 का %6 (हर 10 dB का अर्थ है दस गुना कम त्रुटि शक्ति)।</translation>
        </message>
        <message>
            <source>Primer: %1</source>
            <translation>परिचय: %1</translation>
        </message>
        <message>
            <source>Shift+F1: more in the primer</source>
            <translation>Shift+F1: परिचय में और जानें</translation>
        </message>
        <message>
            <source>Codebooks: lattice formats</source>
            <translation>कोडबुक: लैटिस फ़ॉर्मैट</translation>
        </message>
        <message>
            <source>on the first %1 rows of this tensor: Q2_K %2 bits per weight, SQNR %3; IQ2_XXS %4 bits per weight, SQNR %5; IQ3_XXS %6 bits per weight, SQNR %7.</source>
            <translation>इस टेंसर की पहली %1 पंक्तियों पर: Q2_K %2 बिट प्रति वज़न, SQNR %3; IQ2_XXS %4 बिट प्रति वज़न, SQNR %5; IQ3_XXS %6 बिट प्रति वज़न, SQNR %7।</translation>
        </message>
        <message>
            <source>(this tensor's rows are not a multiple of 256, so the lattice formats do not apply to it.)</source>
            <translation>(इस टेंसर की पंक्तियाँ 256 का गुणज नहीं हैं, इसलिए लैटिस फ़ॉर्मैट इस पर लागू नहीं होते।)</translation>
        </message>
        <message>
            <source>Q2_K stores a small integer code for every weight and multiplies it by a scale. The IQ formats store, for a group of 8 (or 4) weights, the number of one entry of a fixed codebook: a lattice of 256 or 512 patterns of magnitudes chosen so that the combinations real weights take are close to one of them, plus the signs and a scale per 32 weights. Because a whole group is coded at once, IQ2_XXS spends 2.06 bits per weight where Q2_K needs 2.63. Choosing the best entry is a search over the codebook, which is why these formats quantize slowly and llama.cpp asks for an importance matrix for the 2-bit ones.</source>
            <translation>Q2_K हर वज़न के लिए एक छोटा पूर्णांक कोड रखता है और उसे एक स्केल से गुणा करता है। IQ फ़ॉर्मैट 8 (या 4) वज़नों के समूह के लिए एक स्थिर कोडबुक की एक प्रविष्टि की संख्या रखते हैं: परिमाणों के 256 या 512 पैटर्न की एक लैटिस, जिन्हें इस तरह चुना गया है कि असली वज़नों के संयोजन उनमें से किसी एक के पास हों, साथ में चिह्न और हर 32 वज़नों पर एक स्केल। क्योंकि पूरा समूह एक साथ कोड होता है, IQ2_XXS प्रति वज़न 2.06 बिट खर्च करता है जहाँ Q2_K को 2.63 चाहिए। सबसे अच्छी प्रविष्टि चुनना कोडबुक में खोज है, इसीलिए ये फ़ॉर्मैट धीरे क्वांटाइज़ होते हैं और llama.cpp 2-बिट वालों के लिए महत्व मैट्रिक्स माँगता है।</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::TradeoffTableModel</name>
        <message numerus="yes">
            <source>%1: %n tensor(s) quantized</source>
            <translation>
                <numerusform>%1: %n टेन्सर क्वांटाइज़ हुआ</numerusform>
                <numerusform>%1: %n टेन्सर क्वांटाइज़ हुए</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n with a fallback type (row length vs block size)</source>
            <translation>
                <numerusform>, %n फ़ॉलबैक प्रकार के साथ (पंक्ति लंबाई बनाम ब्लॉक साइज़)</numerusform>
                <numerusform>, %n फ़ॉलबैक प्रकार के साथ (पंक्ति लंबाई बनाम ब्लॉक साइज़)</numerusform>
            </translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>प्रिसिज़न</translation>
        </message>
        <message>
            <source>Bits/weight</source>
            <translation>बिट/वज़न</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>साइज़</translation>
        </message>
        <message>
            <source>vs source</source>
            <translation>स्रोत की तुलना में</translation>
        </message>
        <message>
            <source>vs F32</source>
            <translation>F32 की तुलना में</translation>
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
            <translation>अधिकतम त्रुटि</translation>
        </message>
        <message>
            <source>p99 |error|</source>
            <translation>p99 |त्रुटि|</translation>
        </message>
        <message>
            <source>Cosine</source>
            <translation>कोसाइन</translation>
        </message>
        <message>
            <source>Time (s)</source>
            <translation>समय (s)</translation>
        </message>
        <message>
            <source>Storage of the quantized tensors (as quantscope-cli compare reports it)</source>
            <translation>क्वांटाइज़्ड टेन्सर का भंडारण (जैसा quantscope-cli compare बताता है)</translation>
        </message>
        <message>
            <source>Bits per weight over the quantized tensors</source>
            <translation>क्वांटाइज़्ड टेन्सर पर प्रति वज़न बिट</translation>
        </message>
        <message>
            <source>Compression relative to the opened model's own storage of the same tensors</source>
            <translation>खुले मॉडल में उन्हीं टेन्सर के अपने भंडारण की तुलना में संपीड़न</translation>
        </message>
        <message>
            <source>Compression relative to storing every weight as F32</source>
            <translation>हर वज़न को F32 के रूप में रखने की तुलना में संपीड़न</translation>
        </message>
        <message>
            <source>Signal-to-quantization-noise ratio: 10·log10(Σx² / Σ(x−q)²)</source>
            <translation>सिग्नल-से-क्वांटाइज़ेशन-शोर अनुपात: 10·log10(Σx² / Σ(x−q)²)</translation>
        </message>
        <message>
            <source>99th percentile of the absolute error</source>
            <translation>निरपेक्ष त्रुटि का 99वाँ पर्सेंटाइल</translation>
        </message>
        <message>
            <source>Cosine similarity between the original and the dequantized weights</source>
            <translation>मूल और डीक्वांटाइज़्ड वज़न के बीच कोसाइन समानता</translation>
        </message>
        <message>
            <source>Quantized with error-feedback rounding (GPTQ-style: each matrix's output on another token stream than the evaluation changes least; ordinary llama.cpp blocks); weight errors are not measured for this row</source>
            <translation>एरर-फ़ीडबैक राउंडिंग से क्वांटाइज़ किया गया (GPTQ जैसा: हर मैट्रिक्स का आउटपुट मूल्यांकन से अलग टोकन स्ट्रीम पर सबसे कम बदलता है; सामान्य llama.cpp ब्लॉक); इस पंक्ति के लिए वेट त्रुटियाँ नहीं मापी जातीं</translation>
        </message>
        <message>
            <source>Quantized with the importance matrix (calibrated on another token stream than the evaluation); weight errors are not measured for this row</source>
            <translation>इम्पॉर्टेंस मैट्रिक्स के साथ क्वांटाइज़ किया गया (मूल्यांकन से अलग टोकन धारा पर कैलिब्रेट); इस पंक्ति के लिए वज़न त्रुटियाँ नहीं मापी जातीं</translation>
        </message>
        <message numerus="yes">
            <source>Evaluated on %n position(s); reference perplexity %1</source>
            <translation>
                <numerusform>%n स्थिति पर मूल्यांकन; संदर्भ पर्प्लेक्सिटी %1</numerusform>
                <numerusform>%n स्थितियों पर मूल्यांकन; संदर्भ पर्प्लेक्सिटी %1</numerusform>
            </translation>
        </message>
        <message>
            <source>KL mean</source>
            <translation>KL औसत</translation>
        </message>
        <message>
            <source>KL p99</source>
            <translation>KL p99</translation>
        </message>
        <message>
            <source>Top-1 agreement</source>
            <translation>टॉप-1 सहमति</translation>
        </message>
        <message>
            <source>Perplexity</source>
            <translation>पर्प्लेक्सिटी</translation>
        </message>
        <message>
            <source>Δ perplexity</source>
            <translation>Δ पर्प्लेक्सिटी</translation>
        </message>
        <message>
            <source>Mean KL divergence of the quantized model's next-token distribution from the original's, in nats (Analysis &gt; Evaluate Model Accuracy)</source>
            <translation>क्वांटाइज़्ड मॉडल के अगले टोकन के वितरण का मूल मॉडल के वितरण से औसत KL डाइवर्जेंस, nats में (विश्लेषण &gt; मॉडल की सटीकता मापें)</translation>
        </message>
        <message>
            <source>99th percentile of the per-position KL divergence</source>
            <translation>प्रति स्थिति KL डाइवर्जेंस का 99वाँ पर्सेंटाइल</translation>
        </message>
        <message>
            <source>How often the quantized and the original model agree on the most likely next token</source>
            <translation>क्वांटाइज़्ड और मूल मॉडल कितनी बार सबसे संभावित अगले टोकन पर सहमत होते हैं</translation>
        </message>
        <message>
            <source>Perplexity of the quantized model on the evaluation tokens</source>
            <translation>मूल्यांकन टोकन पर क्वांटाइज़्ड मॉडल की पर्प्लेक्सिटी</translation>
        </message>
        <message>
            <source>Perplexity of the quantized model minus that of the original</source>
            <translation>क्वांटाइज़्ड मॉडल की पर्प्लेक्सिटी में से मूल मॉडल की पर्प्लेक्सिटी घटाकर</translation>
        </message>
        <message>
            <source>The format or preset the model was quantized to</source>
            <translation>वह फ़ॉर्मैट या प्रीसेट जिसमें मॉडल क्वांटाइज़ किया गया</translation>
        </message>
        <message>
            <source>Root mean square of the weight error</source>
            <translation>वज़न त्रुटि का वर्ग माध्य मूल</translation>
        </message>
        <message>
            <source>Largest absolute weight error</source>
            <translation>सबसे बड़ी निरपेक्ष वज़न त्रुटि</translation>
        </message>
        <message>
            <source>Time to quantize, dequantize and measure at this precision</source>
            <translation>इस प्रिसिज़न पर क्वांटाइज़, डीक्वांटाइज़ और मापने का समय</translation>
        </message>
        <message>
            <source>%1: a mixed-precision plan for a size target (Analysis &gt; Plan for Size); its bits per weight count every tensor of the forward pass, as plan-for-size does</source>
            <translation>%1: किसी आकार लक्ष्य के लिए मिश्रित-प्रिसिज़न योजना (विश्लेषण &gt; आकार के लिए योजना); इसके बिट प्रति वेट, plan-for-size की तरह, फ़ॉरवर्ड पास के हर टेन्सर को गिनते हैं</translation>
        </message>
        <message>
            <source>The synthetic demo's weights are random-like: its perplexity is in the thousands and a Δ perplexity can even be negative; use KL and top-1.</source>
            <translation>सिंथेटिक डेमो के वेट लगभग यादृच्छिक हैं: इसकी परप्लेक्सिटी हज़ारों में है और Δ परप्लेक्सिटी ऋणात्मक भी हो सकती है; KL और top-1 देखें।</translation>
        </message>
        <message>
            <source>%1 (fallback %2/%3)</source>
            <translation>%1 (फ़ॉलबैक %2/%3)</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 of %n tensor(s) fell back to %3 (their rows are not a multiple of its block size), so this row measures mostly %3</source>
            <translation>
                <numerusform>%1: %n में से %2 टेन्सर %3 पर फ़ॉलबैक हुए (उनकी पंक्तियाँ इसके ब्लॉक आकार की गुणज नहीं हैं), इसलिए यह पंक्ति अधिकतर %3 को मापती है</numerusform>
                <numerusform>%1: %n में से %2 टेन्सर %3 पर फ़ॉलबैक हुए (उनकी पंक्तियाँ इसके ब्लॉक आकार की गुणज नहीं हैं), इसलिए यह पंक्ति अधिकतर %3 को मापती है</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s) %1 at %2 bits/weight</source>
            <translation>
                <numerusform>%n टेन्सर %1, %2 बिट/वेट पर</numerusform>
                <numerusform>%n टेन्सर %1, %2 बिट/वेट पर</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 bits/weight over %2 weights: %3. Every block's scales count, and tensors whose rows a block does not divide keep a wider type, so a "4-bit" row can cost much more.</source>
            <translation>%2 वेट पर %1 बिट/वेट: %3। हर ब्लॉक के स्केल गिने जाते हैं, और जिन टेन्सर की पंक्तियों को ब्लॉक नहीं बाँटता वे चौड़ा टाइप रखते हैं, इसलिए "4-बिट" पंक्ति कहीं अधिक महँगी हो सकती है।</translation>
        </message>
        <message>
            <source>%1: the opened model as stored, the reference of “speed ×”</source>
            <translation>%1: खोला गया मॉडल, जैसा संग्रहीत है, “गति ×” का संदर्भ</translation>
        </message>
        <message>
            <source>%1 (source)</source>
            <translation>%1 (स्रोत)</translation>
        </message>
        <message>
            <source>tokens/s</source>
            <translation>टोकन/से</translation>
        </message>
        <message>
            <source>speed ×</source>
            <translation>गति ×</translation>
        </message>
        <message>
            <source>prompt tokens/s</source>
            <translation>प्रॉम्प्ट टोकन/से</translation>
        </message>
        <message>
            <source>Decode speed (tokens/s, one token at a time after a 16-token prompt, as llama-bench tg128), its ratio to the opened model's own, and prompt speed (one 512-token batch, pp512), measured on the quantized weights as quantscope-cli bench-model does (Analysis &gt; Measure Speed)</source>
            <translation>डिकोड गति (टोकन/से, 16 टोकन के प्रॉम्प्ट के बाद एक-एक टोकन, जैसे llama-bench tg128), खोले गए मॉडल की अपनी गति से उसका अनुपात, और प्रॉम्प्ट गति (512 टोकन का एक बैच, pp512), क्वांटाइज़ किए गए वज़न पर मापी गई, जैसे quantscope-cli bench-model मापता है (विश्लेषण &gt; गति मापें)</translation>
        </message>
        <message numerus="yes">
            <source>Decode: %1 tokens generated one at a time after a %2-token prompt (llama-bench tg%1); prompt: one batch of %3 tokens (pp%3); %n thread(s), activations %4, on the quantized weights as quantscope-cli bench-model measures them. “speed ×” is the decode speed over the source row's.</source>
            <translation>
                <numerusform>डिकोड: %2 टोकन के प्रॉम्प्ट के बाद एक-एक करके %1 टोकन बनाए गए (llama-bench tg%1); प्रॉम्प्ट: %3 टोकन का एक बैच (pp%3); %n थ्रेड, एक्टिवेशन %4, क्वांटाइज़ किए गए वज़न पर, जैसे quantscope-cli bench-model मापता है। “गति ×” स्रोत पंक्ति की तुलना में डिकोड गति है।</numerusform>
                <numerusform>डिकोड: %2 टोकन के प्रॉम्प्ट के बाद एक-एक करके %1 टोकन बनाए गए (llama-bench tg%1); प्रॉम्प्ट: %3 टोकन का एक बैच (pp%3); %n थ्रेड, एक्टिवेशन %4, क्वांटाइज़ किए गए वज़न पर, जैसे quantscope-cli bench-model मापता है। “गति ×” स्रोत पंक्ति की तुलना में डिकोड गति है।</numerusform>
            </translation>
        </message>
        <message>
            <source>float (weights only)</source>
            <translation>फ़्लोट (केवल वज़न)</translation>
        </message>
        <message>
            <source>llama (quantized as llama.cpp does)</source>
            <translation>llama (llama.cpp की तरह क्वांटाइज़)</translation>
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
            <translation>फ़्लोट</translation>
        </message>
        <message>
            <source>Presets (mixed precision)</source>
            <translation>प्रीसेट (मिश्रित प्रिसिज़न)</translation>
        </message>
        <message>
            <source>llama.cpp preset %1: a mixture of types per tensor</source>
            <translation>llama.cpp प्रीसेट %1: प्रति टेन्सर प्रकारों का मिश्रण</translation>
        </message>
        <message>
            <source>llama.cpp preset %1</source>
            <translation>llama.cpp प्रीसेट %1</translation>
        </message>
        <message>
            <source>Every eligible tensor as %1</source>
            <translation>हर योग्य टेन्सर %1 के रूप में</translation>
        </message>
        <message>
            <source>not quantized (%1)</source>
            <translation>क्वांटाइज़ नहीं किया गया (%1)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>row %1</source>
            <translation>पंक्ति %1</translation>
        </message>
        <message>
            <source>row %1, block %2 (columns %3–%4)</source>
            <translation>पंक्ति %1, ब्लॉक %2 (स्तंभ %3–%4)</translation>
        </message>
        <message>
            <source>%1 + error feedback</source>
            <translation>%1 + एरर फ़ीडबैक</translation>
        </message>
        <message>
            <source>%1 + imatrix</source>
            <translation>%1 + imatrix</translation>
        </message>
        <message>
            <source>stories260K (built-in)</source>
            <translation>stories260K (अंतर्निहित)</translation>
        </message>
        <message>
            <source>synthetic demo (%1 M parameters, random-like weights)</source>
            <translation>सिंथेटिक डेमो (%1 M पैरामीटर, लगभग यादृच्छिक वेट)</translation>
        </message>
        <message>
            <source>Quantizing every tensor…</source>
            <translation>हर टेन्सर क्वांटाइज़ हो रहा है…</translation>
        </message>
        <message>
            <source>Running the original model on the evaluation tokens…</source>
            <translation>मूल्यांकन टोकन पर मूल मॉडल चल रहा है…</translation>
        </message>
        <message>
            <source>Evaluating %1…</source>
            <translation>%1 का मूल्यांकन हो रहा है…</translation>
        </message>
        <message>
            <source>%1 has no GGUF tensor type (llama.cpp cannot load it): it is exported as fake-quant safetensors, dequantized values in the source's dtype.</source>
            <translation>%1 का कोई GGUF टेन्सर टाइप नहीं है (llama.cpp इसे लोड नहीं कर सकता): यह फ़ेक-क्वांट safetensors के रूप में निर्यात होता है, स्रोत के dtype में डीक्वांटाइज़्ड मान।</translation>
        </message>
        <message>
            <source>The plan uses a type GGUF cannot store (%1): it is exported as fake-quant safetensors.</source>
            <translation>योजना ऐसा टाइप इस्तेमाल करती है जिसे GGUF सहेज नहीं सकता (%1): यह फ़ेक-क्वांट safetensors के रूप में निर्यात होती है।</translation>
        </message>
        <message>
            <source>Measuring the KL of every tensor at every candidate format…</source>
            <translation>हर उम्मीदवार फ़ॉर्मैट पर हर टेन्सर का KL मापा जा रहा है…</translation>
        </message>
        <message>
            <source>Measuring the accuracy of the finished plan…</source>
            <translation>तैयार योजना की सटीकता मापी जा रही है…</translation>
        </message>
        <message>
            <source>Measuring speed…</source>
            <translation>गति मापी जा रही है…</translation>
        </message>
        <message>
            <source>Measuring the speed of %1…</source>
            <translation>%1 की गति मापी जा रही है…</translation>
        </message>
        <message>
            <source>%1-bit formats</source>
            <translation>%1-बिट फ़ॉर्मैट</translation>
        </message>
        <message>
            <source>K-quant</source>
            <translation>K-क्वांट</translation>
        </message>
        <message>
            <source>legacy block</source>
            <translation>पारंपरिक ब्लॉक</translation>
        </message>
        <message>
            <source>non-linear levels</source>
            <translation>अरेखीय स्तर</translation>
        </message>
        <message>
            <source>lattice codebook</source>
            <translation>लैटिस कोडबुक</translation>
        </message>
        <message>
            <source>ternary</source>
            <translation>त्रिआधारी</translation>
        </message>
        <message>
            <source>microscaling FP4</source>
            <translation>माइक्रोस्केलिंग FP4</translation>
        </message>
        <message>
            <source>%1 · %2 bits/weight</source>
            <translation>%1 · %2 बिट/वज़न</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SizeTargetDialog</name>
        <message>
            <source>Importance matrix</source>
            <translation>इम्पॉर्टेंस मैट्रिक्स</translation>
        </message>
        <message>
            <source>Error feedback</source>
            <translation>एरर फ़ीडबैक</translation>
        </message>
        <message>
            <source>Calibrated on %1 tokens sampled with seed %2, another stream than the evaluation's.</source>
            <translation>सीड %2 से चुने गए %1 टोकन पर कैलिब्रेट किया गया, मूल्यांकन से अलग धारा।</translation>
        </message>
        <message>
            <source>Calibrated on the text file %1, another stream than the evaluation's.</source>
            <translation>टेक्स्ट फ़ाइल %1 पर कैलिब्रेट किया गया, मूल्यांकन से अलग धारा।</translation>
        </message>
        <message>
            <source>Calibrated on the token file %1, another stream than the evaluation's.</source>
            <translation>टोकन फ़ाइल %1 पर कैलिब्रेट किया गया, मूल्यांकन से अलग धारा।</translation>
        </message>
        <message>
            <source>Each candidate format minimises the importance-weighted error of every tensor.</source>
            <translation>हर उम्मीदवार फ़ॉर्मैट हर टेंसर की इम्पॉर्टेंस-भारित त्रुटि को न्यूनतम करता है।</translation>
        </message>
        <message>
            <source>Each candidate format rounds every tensor by error feedback: the rounding error of each column is spread over the columns not yet rounded, so the layer's output changes least. Slower, and its memory grows with the square of each matrix's width: meant for small models.</source>
            <translation>हर उम्मीदवार फ़ॉर्मैट हर टेंसर को एरर फ़ीडबैक से राउंड करता है: हर कॉलम की राउंडिंग त्रुटि उन कॉलमों पर फैलाई जाती है जो अभी राउंड नहीं हुए, ताकि परत का आउटपुट सबसे कम बदले। धीमा, और इसकी मेमोरी हर मैट्रिक्स की चौड़ाई के वर्ग के साथ बढ़ती है: छोटे मॉडलों के लिए।</translation>
        </message>
        <message>
            <source>Rounding:</source>
            <translation>राउंडिंग:</translation>
        </message>
        <message>
            <source>Smallest plan with these formats: %1 bits/weight (%2)</source>
            <translation>इन फ़ॉर्मैट के साथ सबसे छोटी योजना: %1 बिट/भार (%2)</translation>
        </message>
        <message>
            <source>Plan for Size</source>
            <translation>आकार के लिए योजना</translation>
        </message>
        <message>
            <source>Choose a format for every weight matrix so the model fits the target with the least KL divergence from the original: each tensor's KL is measured at every candidate format, then the upgrades that buy the most accuracy per byte are taken greedily.</source>
            <translation>हर भार मैट्रिक्स के लिए एक फ़ॉर्मैट चुनें ताकि मॉडल मूल से सबसे कम KL विचलन के साथ लक्ष्य में समा जाए: हर टेंसर का KL हर उम्मीदवार फ़ॉर्मैट पर मापा जाता है, फिर प्रति बाइट सबसे अधिक सटीकता देने वाले सुधार लालची ढंग से चुने जाते हैं।</translation>
        </message>
        <message>
            <source>bits per weight</source>
            <translation>बिट प्रति भार</translation>
        </message>
        <message>
            <source>MB</source>
            <translation>MB</translation>
        </message>
        <message>
            <source>Target size:</source>
            <translation>लक्ष्य आकार:</translation>
        </message>
        <message>
            <source>Length of the evaluation stream sampled from the model (seed 1)</source>
            <translation>मॉडल से नमूना लिए गए मूल्यांकन स्ट्रीम की लंबाई (सीड 1)</translation>
        </message>
        <message>
            <source>or a token file ({"tokens": [...]})</source>
            <translation>या एक टोकन फ़ाइल ({"tokens": [...]})</translation>
        </message>
        <message>
            <source>Sampled tokens:</source>
            <translation>नमूना टोकन:</translation>
        </message>
        <message>
            <source>Candidate formats</source>
            <translation>उम्मीदवार फ़ॉर्मैट</translation>
        </message>
        <message>
            <source>Compute and Apply to Plan</source>
            <translation>गणना करें और योजना पर लागू करें</translation>
        </message>
        <message>
            <source>Planning for a size needs a llama-family model (its forward pass measures the KL).</source>
            <translation>आकार के लिए योजना को llama-परिवार का मॉडल चाहिए (उसका फ़ॉरवर्ड पास KL मापता है)।</translation>
        </message>
        <message>
            <source>%1 parameters, now %2 (%3 bits/weight); target about %4</source>
            <translation>%1 पैरामीटर, अभी %2 (%3 बिट/भार); लक्ष्य लगभग %4</translation>
        </message>
        <message>
            <source>Choose at least one candidate format.</source>
            <translation>कम से कम एक उम्मीदवार फ़ॉर्मैट चुनें।</translation>
        </message>
        <message>
            <source>Measuring the KL of every tensor at every candidate format…</source>
            <translation>हर टेंसर का KL हर उम्मीदवार फ़ॉर्मैट पर मापा जा रहा है…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>रद्द किया जा रहा है…</translation>
        </message>
        <message>
            <source>Cancelled; the plan is unchanged.</source>
            <translation>रद्द किया गया; योजना अपरिवर्तित है।</translation>
        </message>
        <message>
            <source>Cannot plan for this size: %1</source>
            <translation>इस आकार के लिए योजना नहीं बन सकती: %1</translation>
        </message>
        <message>
            <source>%1 (%2 bits/weight; target %3): KL %4, top-1 agreement %5 %</source>
            <translation>%1 (%2 बिट/भार; लक्ष्य %3): KL %4, टॉप-1 सहमति %5 %</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SensitivityView</name>
        <message>
            <source>Evaluation Tokens</source>
            <translation>मूल्यांकन टोकन</translation>
        </message>
        <message>
            <source>Token files (*.json);;All files (*)</source>
            <translation>टोकन फ़ाइलें (*.json);;सभी फ़ाइलें (*)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>परिशुद्धता:</translation>
        </message>
        <message>
            <source>The format (or preset) each tensor is quantized with, one at a time</source>
            <translation>वह फ़ॉर्मैट (या प्रीसेट) जिससे हर टेंसर को एक-एक करके क्वांटाइज़ किया जाता है</translation>
        </message>
        <message>
            <source>By tensor</source>
            <translation>प्रति टेंसर</translation>
        </message>
        <message>
            <source>By layer</source>
            <translation>प्रति परत</translation>
        </message>
        <message>
            <source>Quantize one tensor at a time, or all matrices of one layer at a time</source>
            <translation>एक बार में एक टेंसर क्वांटाइज़ करें, या एक बार में एक परत के सभी मैट्रिक्स</translation>
        </message>
        <message>
            <source>Sampled tokens:</source>
            <translation>नमूना टोकन:</translation>
        </message>
        <message>
            <source>Length of the evaluation stream sampled from the model (seed 1); longer is more precise and slower</source>
            <translation>मॉडल से नमूना लिए गए मूल्यांकन स्ट्रीम की लंबाई (सीड 1); लंबी होने पर अधिक सटीक और धीमी</translation>
        </message>
        <message>
            <source>or a token file ({"tokens": [...]})</source>
            <translation>या एक टोकन फ़ाइल ({"tokens": [...]})</translation>
        </message>
        <message>
            <source>Choose a token file</source>
            <translation>टोकन फ़ाइल चुनें</translation>
        </message>
        <message>
            <source>Compute</source>
            <translation>गणना करें</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>रद्द करें</translation>
        </message>
        <message>
            <source>Open a model to measure how sensitive its tensors are to quantization.</source>
            <translation>मॉडल खोलें ताकि मापा जा सके कि उसके टेंसर क्वांटाइज़ेशन के प्रति कितने संवेदनशील हैं।</translation>
        </message>
        <message>
            <source>Sensitivity needs a llama-family model: this model's forward pass cannot run here.</source>
            <translation>संवेदनशीलता के लिए llama-परिवार का मॉडल चाहिए: इस मॉडल का फ़ॉरवर्ड पास यहाँ नहीं चल सकता।</translation>
        </message>
        <message>
            <source>Evaluating: the model runs once per tensor (or layer) over the stream…</source>
            <translation>मूल्यांकन जारी: मॉडल हर टेंसर (या परत) के लिए स्ट्रीम पर एक बार चलता है…</translation>
        </message>
        <message>
            <source>the tokens of %1</source>
            <translation>%1 के टोकन</translation>
        </message>
        <message>
            <source>KL divergence of the next-token distribution when only that tensor (or layer) is quantized, over %1. The same numbers as quantscope-cli compare --eval --sensitivity.</source>
            <translation>केवल उस टेंसर (या परत) को क्वांटाइज़ करने पर अगले टोकन के वितरण का KL विचलन, %1 पर। वही संख्याएँ जो quantscope-cli compare --eval --sensitivity देता है।</translation>
        </message>
        <message>
            <source>This model is large for the forward pass: the stream is kept short so the ranking finishes in reasonable time; lengthen it for steadier numbers.</source>
            <translation>फ़ॉरवर्ड पास के लिए यह मॉडल बड़ा है: स्ट्रीम छोटी रखी गई है ताकि रैंकिंग उचित समय में पूरी हो; स्थिर संख्याओं के लिए इसे लंबा करें।</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>कोई मॉडल नहीं</translation>
        </message>
        <message>
            <source>Not a llama-family model</source>
            <translation>llama-परिवार का मॉडल नहीं</translation>
        </message>
        <message>
            <source>Could not compute the sensitivity: %1</source>
            <translation>संवेदनशीलता की गणना नहीं हो सकी: %1</translation>
        </message>
        <message>
            <source>Press Compute to rank the tensors</source>
            <translation>टेंसरों को क्रम देने के लिए "गणना करें" दबाएँ</translation>
        </message>
        <message>
            <source>%1 stores none of this model's tensors</source>
            <translation>%1 इस मॉडल का कोई भी टेंसर संग्रहीत नहीं करता</translation>
        </message>
        <message>
            <source>Layer</source>
            <translation>परत</translation>
        </message>
        <message>
            <source>Tensor</source>
            <translation>टेंसर</translation>
        </message>
        <message>
            <source>Mean KL divergence with only this layer at %1 (nats)</source>
            <translation>केवल यह परत %1 में होने पर औसत KL विचलन (nats)</translation>
        </message>
        <message>
            <source>Mean KL divergence with only this tensor at %1 (nats)</source>
            <translation>केवल यह टेंसर %1 में होने पर औसत KL विचलन (nats)</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; at %2&lt;br&gt;KL divergence: %3 nats&lt;br&gt;Top-1 agreement: %4 %&lt;br&gt;Bytes saved: %5 (rank %6 of %7)</source>
            <translation>&lt;b&gt;%1&lt;/b&gt;, %2 पर&lt;br&gt;KL विचलन: %3 nats&lt;br&gt;टॉप-1 सहमति: %4 %&lt;br&gt;बचाए गए बाइट: %5 (%7 में से रैंक %6)</translation>
        </message>
        <message numerus="yes">
            <source>%n token(s) sampled from the model (seed 1)</source>
            <translation>
                <numerusform>मॉडल से नमूना लिए गए %n टोकन (सीड 1)</numerusform>
                <numerusform>मॉडल से नमूना लिए गए %n टोकनों (सीड 1)</numerusform>
            </translation>
        </message>
        <message>
            <source>Importance matrix</source>
            <translation>इम्पॉर्टेंस मैट्रिक्स</translation>
        </message>
        <message>
            <source>Quantize with an importance matrix calibrated on %1 other tokens sampled with seed %2 (as --imatrix)</source>
            <translation>इम्पॉर्टेंस मैट्रिक्स के साथ क्वांटाइज़ करें, जो सीड %2 से सैंपल किए गए %1 अन्य टोकन पर कैलिब्रेट है (--imatrix की तरह)</translation>
        </message>
    </context>
    <context>
        <name>qs::formats</name>
        <message>
            <source>32-bit IEEE float: the unquantized reference</source>
            <translation>32-बिट IEEE फ़्लोट: बिना क्वांटाइज़ किया गया संदर्भ</translation>
        </message>
        <message>
            <source>16-bit IEEE half float</source>
            <translation>16-बिट IEEE हाफ़ फ़्लोट</translation>
        </message>
        <message>
            <source>bfloat16: float32's range with an 8-bit mantissa</source>
            <translation>bfloat16: float32 की रेंज, 8-बिट मैन्टिसा के साथ</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, असममित [0, %2] %1-बिट ज़ीरो पॉइंट के साथ, हर टेन्सर पर एक fp32 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, असममित [0, %2] %1-बिट ज़ीरो पॉइंट के साथ, हर पंक्ति पर एक fp16 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, असममित [0, %2] %1-बिट ज़ीरो पॉइंट के साथ, हर %3 वज़न पर एक fp16 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, सममित [-%2, %2], हर टेन्सर पर एक fp32 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, सममित [-%2, %2], हर पंक्ति पर एक fp16 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, सममित [-%2, %2], हर %3 वज़न पर एक fp16 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, असममित [0, %2] %1-बिट ज़ीरो पॉइंट के साथ, हर टेन्सर पर एक fp32 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, असममित [0, %2] %1-बिट ज़ीरो पॉइंट के साथ, हर पंक्ति पर एक fp16 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1-बिट यूनिफ़ॉर्म, असममित [0, %2] %1-बिट ज़ीरो पॉइंट के साथ, हर %3 वज़न पर एक fp16 स्केल; न्यूनतम/अधिकतम मैपिंग, इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>llama.cpp IQ4_NL: 32-weight blocks, fp16 scale, 4-bit non-linear levels (4.5 bits/weight)</source>
            <translation>llama.cpp IQ4_NL: 32-वज़न के ब्लॉक, fp16 स्केल, 4-बिट नॉन-लीनियर स्तर (4.5 बिट/वज़न)</translation>
        </message>
        <message>
            <source>4-bit NormalFloat (bitsandbytes levels), fp32 absmax per 64 weights; importance ignored</source>
            <translation>4-बिट NormalFloat (bitsandbytes के स्तर), हर 64 वज़न पर fp32 absmax; इम्पॉर्टेंस भार अनदेखे</translation>
        </message>
        <message>
            <source>llama.cpp 2-bit K-quant: 256-weight super-blocks, 4-bit scale+min per 16 (2.63 bpw)</source>
            <translation>llama.cpp 2-बिट K-क्वांट: 256-वज़न के सुपर-ब्लॉक, हर 16 पर 4-बिट स्केल और न्यूनतम (2.63 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp 3-bit K-quant: 256-weight super-blocks, 6-bit scales per 16 (3.44 bpw)</source>
            <translation>llama.cpp 3-बिट K-क्वांट: 256-वज़न के सुपर-ब्लॉक, हर 16 पर 6-बिट स्केल (3.44 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp Q4_0: 32-weight blocks, fp16 scale, 4-bit levels (4.5 bits/weight)</source>
            <translation>llama.cpp Q4_0: 32-वज़न के ब्लॉक, fp16 स्केल, 4-बिट स्तर (4.5 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp Q4_1: 32-weight blocks, fp16 scale and min, 4-bit levels (5 bits/weight)</source>
            <translation>llama.cpp Q4_1: 32-वज़न के ब्लॉक, fp16 स्केल और न्यूनतम, 4-बिट स्तर (5 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp 4-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (4.5 bpw)</source>
            <translation>llama.cpp 4-बिट K-क्वांट: 256-वज़न के सुपर-ब्लॉक, हर 32 पर 6-बिट स्केल और न्यूनतम (4.5 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp Q5_0: 32-weight blocks, fp16 scale, 5-bit levels (5.5 bits/weight)</source>
            <translation>llama.cpp Q5_0: 32-वज़न के ब्लॉक, fp16 स्केल, 5-बिट स्तर (5.5 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp Q5_1: 32-weight blocks, fp16 scale and min, 5-bit levels (6 bits/weight)</source>
            <translation>llama.cpp Q5_1: 32-वज़न के ब्लॉक, fp16 स्केल और न्यूनतम, 5-बिट स्तर (6 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp 5-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (5.5 bpw)</source>
            <translation>llama.cpp 5-बिट K-क्वांट: 256-वज़न के सुपर-ब्लॉक, हर 32 पर 6-बिट स्केल और न्यूनतम (5.5 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp 6-bit K-quant: 256-weight super-blocks, 8-bit scales per 16 (6.56 bpw)</source>
            <translation>llama.cpp 6-बिट K-क्वांट: 256-वज़न के सुपर-ब्लॉक, हर 16 पर 8-बिट स्केल (6.56 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp Q8_0: 32-weight blocks, fp16 scale, int8 levels (8.5 bits/weight)</source>
            <translation>llama.cpp Q8_0: 32-वज़न के ब्लॉक, fp16 स्केल, int8 स्तर (8.5 बिट/वज़न)</translation>
        </message>
        <message>
            <source>MXFP4 (OCP microscaling): 32-weight blocks, power-of-two scale, 4-bit E2M1 floats (4.25 bits/weight)</source>
            <translation>MXFP4 (OCP माइक्रोस्केलिंग): 32-वज़न के ब्लॉक, दो की घात वाला स्केल, 4-बिट E2M1 फ़्लोट (4.25 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp TQ2_0: 256-weight blocks, fp16 scale, 2-bit levels -1..2 (2.06 bits/weight; ternary models)</source>
            <translation>llama.cpp TQ2_0: 256-वज़न के ब्लॉक, fp16 स्केल, 2-बिट स्तर -1..2 (2.06 बिट/वज़न; टर्नरी मॉडल)</translation>
        </message>
        <message>
            <source>llama.cpp TQ1_0: 256-weight blocks, fp16 scale, ternary levels packed 5 per byte (1.69 bits/weight)</source>
            <translation>llama.cpp TQ1_0: 256-वज़न के ब्लॉक, fp16 स्केल, टर्नरी स्तर, प्रति बाइट 5 पैक (1.69 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp IQ4_XS: 256-weight super-blocks, 6-bit scales per 32, 4-bit non-linear levels (4.25 bits/weight)</source>
            <translation>llama.cpp IQ4_XS: 256-वज़न के सुपर-ब्लॉक, हर 32 पर 6-बिट स्केल, 4-बिट नॉन-लीनियर स्तर (4.25 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_XS: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 512-point lattice and signs (2.31 bits/weight)</source>
            <translation>llama.cpp IQ2_XS: 256-वज़न के सुपर-ब्लॉक, हर 16 पर 4-बिट स्केल, 512-बिंदु लैटिस के 8-वज़न बिंदु और चिह्न (2.31 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_S: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 1024-point lattice and a sign per weight (2.56 bits/weight)</source>
            <translation>llama.cpp IQ2_S: 256-वज़न के सुपर-ब्लॉक, हर 16 पर 4-बिट स्केल, 1024-बिंदु लैटिस के 8-वज़न बिंदु और हर वज़न का चिह्न (2.56 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp IQ1_S: 256-weight super-blocks, 3-bit scales and a ±1/8 shift per 32, 8-weight points of a 2048-point ternary lattice (1.56 bits/weight)</source>
            <translation>llama.cpp IQ1_S: 256-वज़न के सुपर-ब्लॉक, हर 32 पर 3-बिट स्केल और ±1/8 का खिसकाव, 2048-बिंदु टर्नरी लैटिस के 8-वज़न बिंदु (1.56 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp IQ1_M: 256-weight super-blocks, 3-bit scales per 16, a ±1/8 shift per 8, 8-weight points of a 2048-point ternary lattice (1.75 bits/weight)</source>
            <translation>llama.cpp IQ1_M: 256-वज़न के सुपर-ब्लॉक, हर 16 पर 3-बिट स्केल, हर 8 पर ±1/8 का खिसकाव, 2048-बिंदु टर्नरी लैटिस के 8-वज़न बिंदु (1.75 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_XXS: 256-weight super-blocks, 4-bit scales per 32, 8-weight lattice points and signs (2.06 bits/weight)</source>
            <translation>llama.cpp IQ2_XXS: 256-वज़न के सुपर-ब्लॉक, हर 32 पर 4-बिट स्केल, 8-वज़न लैटिस बिंदु और चिह्न (2.06 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp IQ3_S: 256-weight super-blocks, 4-bit scales per 32, 4-weight points of a 512-point lattice and a sign per weight (3.44 bits/weight)</source>
            <translation>llama.cpp IQ3_S: 256-वज़न के सुपर-ब्लॉक, हर 32 पर 4-बिट स्केल, 512-बिंदु लैटिस के 4-वज़न बिंदु और हर वज़न का चिह्न (3.44 बिट/वज़न)</translation>
        </message>
        <message>
            <source>llama.cpp IQ3_XXS: 256-weight super-blocks, 4-bit scales per 32, 4-weight lattice points and signs (3.06 bits/weight)</source>
            <translation>llama.cpp IQ3_XXS: 256-वज़न के सुपर-ब्लॉक, हर 32 पर 4-बिट स्केल, 4-वज़न लैटिस बिंदु और चिह्न (3.06 बिट/वज़न)</translation>
        </message>
    </context>
</TS>
