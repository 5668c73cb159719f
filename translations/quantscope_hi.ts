<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="hi" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>User interface language: en, de, zh_CN or hi.</source>
            <translation>यूज़र इंटरफ़ेस की भाषा: en, de, zh_CN या hi।</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::BlockInspector</name>
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
            <source>RMSE per block (click a block)</source>
            <translation>प्रति ब्लॉक RMSE (किसी ब्लॉक पर क्लिक करें)</translation>
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
            <source>reconstruction x̂ (its level)</source>
            <translation>पुनर्निर्माण x̂ (उसका स्तर)</translation>
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
            <source>Zero point: %1</source>
            <translation>ज़ीरो पॉइंट: %1</translation>
        </message>
        <message>
            <source>Codes %1 … %2: %3 levels.</source>
            <translation>कोड %1 … %2: %3 स्तर।</translation>
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
            <source>QuantScope</source>
            <translation>QuantScope</translation>
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
        <message numerus="yes">
            <source>(%n tensor(s) whose rows a format cannot split are counted as F16.)</source>
            <translation>
                <numerusform>(%n टेन्सर, जिसकी पंक्तियाँ कोई फ़ॉर्मैट बाँट नहीं सकता, F16 के रूप में गिना गया है।)</numerusform>
                <numerusform>(%n टेन्सर, जिनकी पंक्तियाँ कोई फ़ॉर्मैट बाँट नहीं सकता, F16 के रूप में गिने गए हैं।)</numerusform>
            </translation>
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
            <source>on this tensor Q8_0 keeps an SQNR of %1, Q4_0 %2, Q2_K %3 (every 10 dB is ten times less error power).</source>
            <translation>इस टेन्सर पर Q8_0 का SQNR %1 है, Q4_0 का %2, Q2_K का %3 (हर 10 dB का अर्थ है दस गुना कम त्रुटि शक्ति)।</translation>
        </message>
        <message>
            <source>A video analogy</source>
            <translation>एक वीडियो उपमा</translation>
        </message>
        <message>
            <source>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</source>
            <translation>एक वीडियो स्ट्रीम के बारे में सोचें: Q8 1440p जैसा है, मूल से अलग पहचानना कठिन; Q4 720p जैसा है, ध्यान से देखने पर साफ़ तौर पर धुंधला पर देखने लायक; Q2 360p जैसा है, कहानी तो है पर बारीकियाँ खो जाती हैं। वीडियो की तरह, छोटी फ़ाइल अक्सर सही विकल्प होती है, बशर्ते आप जानते हों कि उसकी कीमत क्या है।</translation>
        </message>
    </context>
</TS>
