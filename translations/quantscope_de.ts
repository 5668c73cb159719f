<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>User interface language: en, de, zh_CN or hi.</source>
            <translation>Sprache der Benutzeroberfläche: en, de, zh_CN oder hi.</translation>
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
            <translation>&amp;Präzision:</translation>
        </message>
        <message>
            <source>&amp;Row:</source>
            <translation>&amp;Zeile:</translation>
        </message>
        <message>
            <source>&amp;Block:</source>
            <translation>&amp;Block:</translation>
        </message>
        <message>
            <source>Add an &amp;outlier (×10)</source>
            <translation>&amp;Ausreißer hinzufügen (×10)</translation>
        </message>
        <message>
            <source>Multiplies the selected weight by 10: one large weight stretches its block's scale, and every other weight of the block loses resolution.</source>
            <translation>Multipliziert das gewählte Gewicht mit 10: Ein einziges großes Gewicht dehnt die Skala seines Blocks, und alle anderen Gewichte des Blocks verlieren an Auflösung.</translation>
        </message>
        <message>
            <source>The format the block is stored in. Switch it to watch the grid coarsen under the same weights.</source>
            <translation>Das Format, in dem der Block gespeichert wird. Wechseln Sie es, um zu sehen, wie das Raster bei denselben Gewichten gröber wird.</translation>
        </message>
        <message>
            <source>RMSE per block (click a block)</source>
            <translation>RMSE pro Block (Block anklicken)</translation>
        </message>
        <message>
            <source>block</source>
            <translation>Block</translation>
        </message>
        <message>
            <source>row</source>
            <translation>Zeile</translation>
        </message>
        <message>
            <source>weight in block</source>
            <translation>Gewicht im Block</translation>
        </message>
        <message>
            <source>value</source>
            <translation>Wert</translation>
        </message>
        <message>
            <source>error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>#</source>
            <translation>Nr.</translation>
        </message>
        <message>
            <source>weight</source>
            <translation>Gewicht</translation>
        </message>
        <message>
            <source>code</source>
            <translation>Code</translation>
        </message>
        <message>
            <source>level x̂</source>
            <translation>Stufe x̂</translation>
        </message>
        <message>
            <source>Open a model to inspect its blocks.</source>
            <translation>Öffnen Sie ein Modell, um seine Blöcke zu untersuchen.</translation>
        </message>
        <message>
            <source>%1 cannot store rows of %2 weights.</source>
            <translation>%1 kann keine Zeilen mit %2 Gewichten speichern.</translation>
        </message>
        <message>
            <source>grid levels (%1 in view of %2)</source>
            <translation>Rasterstufen (%1 von %2 sichtbar)</translation>
        </message>
        <message>
            <source>original weight</source>
            <translation>ursprüngliches Gewicht</translation>
        </message>
        <message>
            <source>reconstruction x̂ (its level)</source>
            <translation>Rekonstruktion x̂ (ihre Stufe)</translation>
        </message>
        <message>
            <source>outlier ×10</source>
            <translation>Ausreißer ×10</translation>
        </message>
        <message>
            <source>Block %1 of row %2: weights %3–%4.</source>
            <translation>Block %1 der Zeile %2: Gewichte %3–%4.</translation>
        </message>
        <message>
            <source>Reconstruction: %1</source>
            <translation>Rekonstruktion: %1</translation>
        </message>
        <message>
            <source>Stored scale: %1</source>
            <translation>Gespeicherte Skala: %1</translation>
        </message>
        <message>
            <source>Super-block %1 (256 weights): d = %2</source>
            <translation>Superblock %1 (256 Gewichte): d = %2</translation>
        </message>
        <message>
            <source>, dmin = %1</source>
            <translation>, dmin = %1</translation>
        </message>
        <message>
            <source>Its %1 sub-block scales (%2-bit integers; this sub-block underlined): %3</source>
            <translation>Seine %1 Unterblock-Skalen (%2-Bit-Ganzzahlen; dieser Unterblock unterstrichen): %3</translation>
        </message>
        <message>
            <source>Its %1 sub-block scales/mins (%2-bit integers; this sub-block underlined): %3</source>
            <translation>Seine %1 Unterblock-Skalen/Minima (%2-Bit-Ganzzahlen; dieser Unterblock unterstrichen): %3</translation>
        </message>
        <message>
            <source>Zero point: %1</source>
            <translation>Nullpunkt: %1</translation>
        </message>
        <message>
            <source>Codes %1 … %2: %3 levels.</source>
            <translation>Codes %1 … %2: %3 Stufen.</translation>
        </message>
        <message>
            <source>Weight %1: %2</source>
            <translation>Gewicht %1: %2</translation>
        </message>
        <message>
            <source>Block RMSE %1, largest |error| %2.</source>
            <translation>Block-RMSE %1, größter |Fehler| %2.</translation>
        </message>
        <message>
            <source>With the outlier the scale is %1: the other weights share fewer levels.</source>
            <translation>Mit dem Ausreißer ist die Skala %1: Die anderen Gewichte teilen sich weniger Stufen.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::Language</name>
        <message>
            <source>&amp;Language</source>
            <translation>&amp;Sprache</translation>
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
            <translation>Live-Beispiel:</translation>
        </message>
        <message>
            <source>Quantization primer</source>
            <translation>Einführung in die Quantisierung</translation>
        </message>
        <message>
            <source>No model is open: the examples use a synthetic tensor of %1 × %2 Gaussian weights.</source>
            <translation>Kein Modell geöffnet: Die Beispiele verwenden einen synthetischen Tensor aus %1 × %2 normalverteilten Gewichten.</translation>
        </message>
        <message>
            <source>The examples are computed from %1; per-tensor numbers use the first %2 rows of its largest tensor, %3 (%4 columns).</source>
            <translation>Die Beispiele werden aus %1 berechnet; Zahlen pro Tensor verwenden die ersten %2 Zeilen seines größten Tensors, %3 (%4 Spalten).</translation>
        </message>
        <message>
            <source>the open model</source>
            <translation>dem geöffneten Modell</translation>
        </message>
        <message>
            <source>this model's eligible weights: FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4.</source>
            <translation>die quantisierbaren Gewichte dieses Modells: FP32 %1 → Q8_0 %2 → Q4_0 %3 → Q2_K %4.</translation>
        </message>
        <message numerus="yes">
            <source>(%n tensor(s) whose rows a format cannot split are counted as F16.)</source>
            <translation>
                <numerusform>(%n Tensor, dessen Zeilen ein Format nicht aufteilen kann, wird als F16 gezählt.)</numerusform>
                <numerusform>(%n Tensoren, deren Zeilen ein Format nicht aufteilen kann, werden als F16 gezählt.)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 weights: FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5.</source>
            <translation>%1 Gewichte: FP32 %2 → Q8_0 %3 → Q4_0 %4 → Q2_K %5.</translation>
        </message>
        <message>
            <source>What quantization is</source>
            <translation>Was Quantisierung ist</translation>
        </message>
        <message>
            <source>A model's weights are real numbers, normally stored with 32 or 16 bits each. Quantization stores each weight as a small integer code instead (8, 4 or even 2 bits) plus a few shared numbers that say how to turn codes back into values. The model becomes smaller and faster to move through memory; the price is that every weight is replaced by the nearest value the code can express.</source>
            <translation>Die Gewichte eines Modells sind reelle Zahlen, normalerweise mit je 32 oder 16 Bit gespeichert. Quantisierung speichert stattdessen jedes Gewicht als kleinen ganzzahligen Code (8, 4 oder sogar 2 Bit) plus einige gemeinsame Zahlen, die angeben, wie die Codes wieder zu Werten werden. Das Modell wird kleiner und lässt sich schneller durch den Speicher bewegen; der Preis ist, dass jedes Gewicht durch den nächstgelegenen Wert ersetzt wird, den der Code darstellen kann.</translation>
        </message>
        <message>
            <source>the first 32 weights of the tensor, in INT8 symmetric, get the scale s = %1; the largest of them, %2, is stored as code %3 and comes back as %4. Asymmetric INT8 uses s = %5 and zero point z = %6.</source>
            <translation>die ersten 32 Gewichte des Tensors erhalten in INT8 symmetrisch die Skala s = %1; das größte von ihnen, %2, wird als Code %3 gespeichert und kommt als %4 zurück. Asymmetrisches INT8 verwendet s = %5 und den Nullpunkt z = %6.</translation>
        </message>
        <message>
            <source>Scale and zero point</source>
            <translation>Skala und Nullpunkt</translation>
        </message>
        <message>
            <source>The scale s is the step between two neighbouring codes: a weight x is stored as the integer q = round(x / s) and read back as x̂ = s·q. A zero point z shifts the codes so that they can cover a range that is not centred on zero: x̂ = s·(q − z). The difference x̂ − x is the quantization error; it is at most half a step for weights inside the range.</source>
            <translation>Die Skala s ist der Abstand zwischen zwei benachbarten Codes: Ein Gewicht x wird als ganze Zahl q = round(x / s) gespeichert und als x̂ = s·q zurückgelesen. Ein Nullpunkt z verschiebt die Codes, damit sie einen Bereich abdecken können, der nicht um null zentriert ist: x̂ = s·(q − z). Die Differenz x̂ − x ist der Quantisierungsfehler; für Gewichte innerhalb des Bereichs beträgt er höchstens einen halben Schritt.</translation>
        </message>
        <message>
            <source>INT4 with a scale per 32 weights: symmetric RMSE %1, asymmetric %2. On the same weights made all positive (|x|, like activations after a ReLU) symmetric wastes its negative codes: RMSE %3 against %4.</source>
            <translation>INT4 mit einer Skala pro 32 Gewichte: symmetrisch RMSE %1, asymmetrisch %2. Bei denselben, ganz positiv gemachten Gewichten (|x|, wie Aktivierungen nach einer ReLU) verschwendet die symmetrische Variante ihre negativen Codes: RMSE %3 gegenüber %4.</translation>
        </message>
        <message>
            <source>Symmetric or asymmetric</source>
            <translation>Symmetrisch oder asymmetrisch</translation>
        </message>
        <message>
            <source>Symmetric quantization puts zero in the middle of the grid and only needs a scale: it fits weights spread evenly around zero, as most are. Asymmetric quantization also stores a zero point (or a minimum) and places its grid over the actual range from the smallest to the largest weight, so no code is wasted when the values lean to one side.</source>
            <translation>Symmetrische Quantisierung legt die Null in die Mitte des Rasters und braucht nur eine Skala: Sie passt zu Gewichten, die gleichmäßig um null verteilt sind, wie die meisten. Asymmetrische Quantisierung speichert zusätzlich einen Nullpunkt (oder ein Minimum) und legt ihr Raster über den tatsächlichen Bereich vom kleinsten bis zum größten Gewicht, sodass kein Code verschwendet wird, wenn die Werte zu einer Seite neigen.</translation>
        </message>
        <message>
            <source>INT4 symmetric on this tensor: one scale for the tensor SQNR %1, one per row %2, one per 32 weights %3 (at %4, %5 and %6 bits per weight).</source>
            <translation>INT4 symmetrisch auf diesem Tensor: eine Skala für den Tensor SQNR %1, eine pro Zeile %2, eine pro 32 Gewichte %3 (bei %4, %5 und %6 Bit pro Gewicht).</translation>
        </message>
        <message>
            <source>Per tensor, per channel, per group</source>
            <translation>Pro Tensor, pro Kanal, pro Gruppe</translation>
        </message>
        <message>
            <source>One scale can serve a whole tensor, each row (output channel), or each small group of weights along a row. The scale has to stretch over the largest weight it covers, so a single large weight coarsens the grid for everything sharing its scale. Smaller groups follow the weights more closely but need more scales.</source>
            <translation>Eine Skala kann für einen ganzen Tensor, für jede Zeile (Ausgabekanal) oder für jede kleine Gruppe von Gewichten entlang einer Zeile gelten. Die Skala muss sich über das größte Gewicht erstrecken, das sie abdeckt; ein einziges großes Gewicht vergröbert daher das Raster für alles, was seine Skala teilt. Kleinere Gruppen folgen den Gewichten genauer, brauchen aber mehr Skalen.</translation>
        </message>
        <message>
            <source>Q4_0 (a 16-bit scale per 32 weights): %1 bits per weight, SQNR %2. Q4_K (super-blocks of 256 with 6-bit scales and mins per 32): %3 bits per weight, SQNR %4.</source>
            <translation>Q4_0 (eine 16-Bit-Skala pro 32 Gewichte): %1 Bit pro Gewicht, SQNR %2. Q4_K (Superblöcke zu 256 mit 6-Bit-Skalen und -Minima pro 32): %3 Bit pro Gewicht, SQNR %4.</translation>
        </message>
        <message>
            <source>(this tensor's rows are not a multiple of 256, so the K-quants do not apply to it.)</source>
            <translation>(die Zeilen dieses Tensors sind kein Vielfaches von 256, daher sind die K-Quants darauf nicht anwendbar.)</translation>
        </message>
        <message>
            <source>Blocks and super-blocks</source>
            <translation>Blöcke und Superblöcke</translation>
        </message>
        <message>
            <source>llama.cpp's formats cut every row into blocks of 32 weights, each with its own 16-bit scale (Q8_0, Q4_0, ...). The K-quants group 8 or 16 such sub-blocks into a super-block of 256 weights: the super-block keeps one or two 16-bit numbers, and each sub-block's scale is itself quantized to 4, 6 or 8 bits relative to them. Scales stay local, but cost much less. The block inspector shows all of this for any block of the model.</source>
            <translation>Die Formate von llama.cpp zerlegen jede Zeile in Blöcke zu 32 Gewichten, jeder mit eigener 16-Bit-Skala (Q8_0, Q4_0, ...). Die K-Quants fassen 8 oder 16 solcher Unterblöcke zu einem Superblock von 256 Gewichten zusammen: Der Superblock hält eine oder zwei 16-Bit-Zahlen, und die Skala jedes Unterblocks wird selbst relativ dazu auf 4, 6 oder 8 Bit quantisiert. Die Skalen bleiben lokal, kosten aber viel weniger. Der Block-Inspektor zeigt all das für jeden Block des Modells.</translation>
        </message>
        <message>
            <source>%1: %2 → %3</source>
            <translation>%1: %2 → %3</translation>
        </message>
        <message>
            <source>What bits per weight really cost</source>
            <translation>Was Bit pro Gewicht wirklich kosten</translation>
        </message>
        <message>
            <source>A "4-bit" format never costs exactly 4 bits per weight: every scale, zero point and minimum is stored too and shared by the weights of its block. A 16-bit scale per 32 weights adds 0.5 bit to each of them, a scale and a minimum add 1 bit.</source>
            <translation>Ein „4-Bit“-Format kostet nie genau 4 Bit pro Gewicht: Jede Skala, jeder Nullpunkt und jedes Minimum wird mitgespeichert und von den Gewichten seines Blocks geteilt. Eine 16-Bit-Skala pro 32 Gewichte fügt jedem 0,5 Bit hinzu, Skala und Minimum zusammen 1 Bit.</translation>
        </message>
        <message>
            <source>code bits → bits per weight with everything counted, on this tensor: %1.</source>
            <translation>Code-Bits → Bit pro Gewicht mit allem Drum und Dran, auf diesem Tensor: %1.</translation>
        </message>
        <message>
            <source>on this tensor Q8_0 keeps an SQNR of %1, Q4_0 %2, Q2_K %3 (every 10 dB is ten times less error power).</source>
            <translation>auf diesem Tensor erreicht Q8_0 ein SQNR von %1, Q4_0 %2, Q2_K %3 (jede 10 dB bedeuten zehnmal weniger Fehlerleistung).</translation>
        </message>
        <message>
            <source>A video analogy</source>
            <translation>Ein Vergleich mit Video</translation>
        </message>
        <message>
            <source>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</source>
            <translation>Denken Sie an einen Videostream: Q8 ist wie 1440p, kaum vom Original zu unterscheiden; Q4 ist wie 720p, bei genauem Hinsehen deutlich weicher, aber gut anzusehen; Q2 ist wie 360p, die Handlung ist noch da, aber Details gehen verloren. Wie beim Video ist die kleinere Datei oft die richtige Wahl, solange man weiß, was sie kostet.</translation>
        </message>
    </context>
</TS>
