<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
    <context>
        <name>main</name>
        <message>
            <source>User interface language: en, de, zh_CN or hi.</source>
            <translation>Sprache der Benutzeroberfläche: en, de, zh_CN oder hi.</translation>
        </message>
        <message>
            <source>Explore what quantization does to a model's weights.</source>
            <translation>Untersuchen Sie, was Quantisierung mit den Gewichten eines Modells macht.</translation>
        </message>
        <message>
            <source>GGUF file, .safetensors file or folder, or llama2.c checkpoint to open.</source>
            <translation>Zu öffnende GGUF-Datei, .safetensors-Datei oder -Ordner oder llama2.c-Checkpoint.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::BlockInspector</name>
        <message>
            <source>&amp;Error feedback</source>
            <translation>&amp;Fehlerrückführung</translation>
        </message>
        <message>
            <source>Show the codes error-feedback rounding stores for this row (GPTQ-style, with the input moments of the last Run's calibration stream) instead of the format's own rounding.</source>
            <translation>Die Codes zeigen, die fehlerrückführende Rundung für diese Zeile speichert (wie GPTQ, mit den Eingangsmomenten des Kalibrierungsstroms des letzten Laufs), statt der eigenen Rundung des Formats.</translation>
        </message>
        <message>
            <source>Run with Analysis ▸ Use Error-Feedback Rounding and Evaluate Model Accuracy first: error feedback needs the input moments of a calibration stream (block formats only).</source>
            <translation>Zuerst mit Analyse ▸ Fehlerrückführende Rundung verwenden und Modellgenauigkeit auswerten ausführen: Fehlerrückführung braucht die Eingangsmomente eines Kalibrierungsstroms (nur Blockformate).</translation>
        </message>
        <message>
            <source>Codes by error-feedback rounding: each weight's rounding error is passed on to the row's later weights through the calibration's input moments, so a weight may not sit on its nearest level; the layer's output moves less.</source>
            <translation>Codes der fehlerrückführenden Rundung: der Rundungsfehler jedes Gewichts wird über die Eingangsmomente der Kalibrierung an die späteren Gewichte der Zeile weitergegeben, daher liegt ein Gewicht nicht immer auf seiner nächsten Stufe; die Ausgabe der Schicht ändert sich weniger.</translation>
        </message>
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
            <source>RMSE per block: every block shown is stored exactly (error 0)</source>
            <translation>RMSE pro Block: jeder gezeigte Block wird exakt gespeichert (Fehler 0)</translation>
        </message>
        <message>
            <source>RMSE per block (click a block)</source>
            <translation>RMSE pro Block (Block anklicken)</translation>
        </message>
        <message>
            <source>RMSE per block: computing…</source>
            <translation>RMSE pro Block: wird berechnet…</translation>
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
            <source>Reading %1…</source>
            <translation>%1 wird gelesen…</translation>
        </message>
        <message>
            <source>Computing the error-feedback rounding of row %1…</source>
            <translation>Die Rundung von Zeile %1 mit Fehlerrückführung wird berechnet…</translation>
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
            <source>Codebook: each group of %1 weights is one of the grid's %2 points (its index stored, not the weights' levels one by one), times the sub-block scale %3, with a sign per weight:</source>
            <translation>Codebuch: Jede Gruppe von %1 Gewichten ist einer der %2 Punkte des Gitters (gespeichert wird sein Index, nicht die Stufen der Gewichte einzeln), mal der Unterblock-Skala %3, mit einem Vorzeichen je Gewicht:</translation>
        </message>
        <message>
            <source>Weights %1–%2: point %3 = (%4), signs %5</source>
            <translation>Gewichte %1–%2: Punkt %3 = (%4), Vorzeichen %5</translation>
        </message>
        <message>
            <source>Signs in italics are not stored: every 8 weights have an even number of minus signs, so 7 bits hold the 8 signs.</source>
            <translation>Kursive Vorzeichen werden nicht gespeichert: Je 8 Gewichte haben eine gerade Zahl von Minuszeichen, also fassen 7 Bit die 8 Vorzeichen.</translation>
        </message>
        <message>
            <source>Codebook: each group of %1 weights is one of the grid's %2 points of values −1, 0 and 1 (its index stored), shifted by ±1/8, times the sub-block scale %3:</source>
            <translation>Codebuch: Jede Gruppe von %1 Gewichten ist einer der %2 Punkte des Gitters mit den Werten −1, 0 und 1 (gespeichert wird sein Index), verschoben um ±1/8, mal der Unterblock-Skala %3:</translation>
        </message>
        <message>
            <source>Weights %1–%2: point %3 = (%4), shifted by %5</source>
            <translation>Gewichte %1–%2: Punkt %3 = (%4), verschoben um %5</translation>
        </message>
        <message>
            <source>Zero point: %1</source>
            <translation>Nullpunkt: %1</translation>
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
        <message>
            <source>reconstruction (the level it rounds to)</source>
            <translation>Rekonstruktion (die Stufe, auf die gerundet wird)</translation>
        </message>
        <message numerus="yes">
            <source>Its blocks hold %n weight(s), and %1 is not a multiple of that.</source>
            <translation>
                <numerusform>Seine Blöcke fassen %n Gewicht, und %1 ist kein Vielfaches davon.</numerusform>
                <numerusform>Seine Blöcke fassen %n Gewichte, und %1 ist kein Vielfaches davon.</numerusform>
            </translation>
        </message>
        <message>
            <source>The scale is negative: as in llama.cpp, it is the block's weight of largest magnitude divided by the code at one end of the range, and that weight is negative here. Codes and scale change sign together, so d·q gives the same values.</source>
            <translation>Die Skala ist negativ: Wie in llama.cpp ist sie das betragsgrößte Gewicht des Blocks geteilt durch den Code an einem Ende des Bereichs, und dieses Gewicht ist hier negativ. Codes und Skala wechseln gemeinsam das Vorzeichen, d·q ergibt also dieselben Werte.</translation>
        </message>
        <message>
            <source>Codes %1 … %2: %3 of %4 levels used by this block.</source>
            <translation>Codes %1 … %2: %3 von %4 Stufen werden von diesem Block genutzt.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::ExportDialog</name>
        <message>
            <source>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them). The bytes are ordinary llama.cpp blocks. Takes several times as long as a plain export.</source>
            <translation>Jede Gewichtsmatrix so runden, dass sich ihre Ausgabe auf dem Kalibrierungsstrom (%1) am wenigsten ändert (nach Art von GPTQ; dieselben Gewichte wie in den Zeilen „+ Fehlerrückführung“ der Genauigkeitstabelle, wie quantscope-cli quantize --error-feedback sie schreibt). Die Bytes sind gewöhnliche llama.cpp-Blöcke. Dauert ein Mehrfaches eines einfachen Exports.</translation>
        </message>
        <message>
            <source>Round each weight matrix so that its output on the calibration stream (%1) changes least (GPTQ-style; the same weights as the accuracy table's “+ error feedback” rows, as quantscope-cli quantize --error-feedback writes them), stored as their values (fake-quant). Takes several times as long as a plain export.</source>
            <translation>Jede Gewichtsmatrix so runden, dass sich ihre Ausgabe auf dem Kalibrierungsstrom (%1) am wenigsten ändert (nach Art von GPTQ; dieselben Gewichte wie in den Zeilen „+ Fehlerrückführung“ der Genauigkeitstabelle, wie quantscope-cli quantize --error-feedback sie schreibt), gespeichert als ihre Werte (Fake-Quant). Dauert ein Mehrfaches eines einfachen Exports.</translation>
        </message>
        <message>
            <source>Needs a llama-shaped model: error feedback runs the model on its calibration stream</source>
            <translation>Braucht ein Modell in llama-Form: Fehlerrückführung führt das Modell auf seinem Kalibrierungsstrom aus</translation>
        </message>
        <message>
            <source>Error-feedback rounding</source>
            <translation>Fehlerrückführende Rundung</translation>
        </message>
        <message>
            <source>Export Quantized Model</source>
            <translation>Quantisiertes Modell exportieren</translation>
        </message>
        <message>
            <source>Current plan (model browser)</source>
            <translation>Aktueller Plan (Modellbrowser)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>Präzision:</translation>
        </message>
        <message>
            <source>GGUF (llama.cpp)</source>
            <translation>GGUF (llama.cpp)</translation>
        </message>
        <message>
            <source>Fake-quant safetensors</source>
            <translation>Fake-Quant-safetensors</translation>
        </message>
        <message>
            <source>Real quantized tensors that llama.cpp loads</source>
            <translation>Echte quantisierte Tensoren, die llama.cpp lädt</translation>
        </message>
        <message>
            <source>Dequantized values in the source dtype (how the INT/NF4 family exports)</source>
            <translation>Dequantisierte Werte im Quelldatentyp (so exportiert die INT/NF4-Familie)</translation>
        </message>
        <message>
            <source>Format:</source>
            <translation>Format:</translation>
        </message>
        <message>
            <source>Browse…</source>
            <translation>Durchsuchen…</translation>
        </message>
        <message>
            <source>File:</source>
            <translation>Datei:</translation>
        </message>
        <message>
            <source>Export</source>
            <translation>Exportieren</translation>
        </message>
        <message>
            <source>Export To</source>
            <translation>Exportieren nach</translation>
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
            <translation>&amp;Sprache</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::MainWindow</name>
        <message>
            <source>%1 tokens sampled with seed %2</source>
            <translation>%1 mit Seed %2 gezogenen Token</translation>
        </message>
        <message>
            <source>the token file %1</source>
            <translation>der Token-Datei %1</translation>
        </message>
        <message>
            <source>the text file %1</source>
            <translation>der Textdatei %1</translation>
        </message>
        <message>
            <source>QuantScope</source>
            <translation>QuantScope</translation>
        </message>
        <message>
            <source>Model</source>
            <translation>Modell</translation>
        </message>
        <message>
            <source>Could not open the model</source>
            <translation>Das Modell konnte nicht geöffnet werden</translation>
        </message>
        <message>
            <source>Cannot open model</source>
            <translation>Modell kann nicht geöffnet werden</translation>
        </message>
        <message>
            <source>Weights: whole model (%1)</source>
            <translation>Gewichte: ganzes Modell (%1)</translation>
        </message>
        <message>
            <source>&amp;Open…</source>
            <translation>Ö&amp;ffnen…</translation>
        </message>
        <message>
            <source>Open a GGUF file, a .safetensors file or a llama2.c checkpoint</source>
            <translation>Eine GGUF-Datei, eine .safetensors-Datei oder einen llama2.c-Checkpoint öffnen</translation>
        </message>
        <message>
            <source>Open Model</source>
            <translation>Modell öffnen</translation>
        </message>
        <message>
            <source>Models (*.gguf *.safetensors *.bin *.json);;All files (*)</source>
            <translation>Modelle (*.gguf *.safetensors *.bin *.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>&amp;Export Quantized Model…</source>
            <translation>Quantisiertes Modell &amp;exportieren…</translation>
        </message>
        <message>
            <source>Write the model at a precision or the current plan as GGUF or fake-quant safetensors</source>
            <translation>Das Modell in einer Präzision oder nach dem aktuellen Plan als GGUF oder Fake-Quant-safetensors schreiben</translation>
        </message>
        <message>
            <source>Open &amp;Demo Model</source>
            <translation>&amp;Demo-Modell öffnen</translation>
        </message>
        <message>
            <source>Export &amp;Table…</source>
            <translation>&amp;Tabelle exportieren…</translation>
        </message>
        <message>
            <source>Export Table</source>
            <translation>Tabelle exportieren</translation>
        </message>
        <message>
            <source>CSV (*.csv);;Markdown (*.md)</source>
            <translation>CSV (*.csv);;Markdown (*.md)</translation>
        </message>
        <message>
            <source>Export &amp;Plot…</source>
            <translation>Dia&amp;gramm exportieren…</translation>
        </message>
        <message>
            <source>Export Plot</source>
            <translation>Diagramm exportieren</translation>
        </message>
        <message>
            <source>PNG image (*.png);;PDF document (*.pdf)</source>
            <translation>PNG-Bild (*.png);;PDF-Dokument (*.pdf)</translation>
        </message>
        <message>
            <source>&amp;Quit</source>
            <translation>&amp;Beenden</translation>
        </message>
        <message>
            <source>&amp;Copy Table Rows</source>
            <translation>Tabellenzeilen &amp;kopieren</translation>
        </message>
        <message>
            <source>Log &amp;Scale</source>
            <translation>&amp;Logarithmische Skala</translation>
        </message>
        <message>
            <source>&amp;Theme Follows the System</source>
            <translation>&amp;Design folgt dem System</translation>
        </message>
        <message>
            <source>&amp;About QuantScope</source>
            <translation>Ü&amp;ber QuantScope</translation>
        </message>
        <message>
            <source>&amp;File</source>
            <translation>&amp;Datei</translation>
        </message>
        <message>
            <source>Open &amp;Recent</source>
            <translation>&amp;Zuletzt geöffnet</translation>
        </message>
        <message>
            <source>&amp;Edit</source>
            <translation>&amp;Bearbeiten</translation>
        </message>
        <message>
            <source>&amp;Analysis</source>
            <translation>&amp;Analyse</translation>
        </message>
        <message>
            <source>&amp;View</source>
            <translation>A&amp;nsicht</translation>
        </message>
        <message>
            <source>&amp;Help</source>
            <translation>&amp;Hilfe</translation>
        </message>
        <message>
            <source>About &amp;Qt</source>
            <translation>Über &amp;Qt</translation>
        </message>
        <message>
            <source>Ready</source>
            <translation>Bereit</translation>
        </message>
        <message>
            <source>&amp;Clear</source>
            <translation>&amp;Leeren</translation>
        </message>
        <message>
            <source>Opening %1…</source>
            <translation>%1 wird geöffnet…</translation>
        </message>
        <message>
            <source>Building the synthetic demo model…</source>
            <translation>Das synthetische Demo-Modell wird erzeugt…</translation>
        </message>
        <message>
            <source>Cannot build the demo model</source>
            <translation>Das Demo-Modell kann nicht erzeugt werden</translation>
        </message>
        <message>
            <source>Press Run to compare the checked precisions over the whole model</source>
            <translation>Drücken Sie „Ausführen“, um die gewählten Präzisionen über das ganze Modell zu vergleichen</translation>
        </message>
        <message>
            <source>Computing…</source>
            <translation>Berechnung läuft…</translation>
        </message>
        <message>
            <source>%1 — QuantScope</source>
            <translation>%1 — QuantScope</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n tensor(s)</source>
            <translation>
                <numerusform>%1: %n Tensor</numerusform>
                <numerusform>%1: %n Tensoren</numerusform>
            </translation>
        </message>
        <message>
            <source>Computing the whole model's histogram…</source>
            <translation>Histogramm des ganzen Modells wird berechnet…</translation>
        </message>
        <message>
            <source>Computing %1…</source>
            <translation>%1 wird berechnet…</translation>
        </message>
        <message>
            <source>Nothing to run</source>
            <translation>Nichts auszuführen</translation>
        </message>
        <message>
            <source>Open a model first.</source>
            <translation>Öffnen Sie zuerst ein Modell.</translation>
        </message>
        <message>
            <source>Check at least one precision to run.</source>
            <translation>Wählen Sie mindestens eine Präzision zum Ausführen.</translation>
        </message>
        <message>
            <source>Running %1 over %2…</source>
            <translation>%1 wird über %2 ausgeführt…</translation>
        </message>
        <message>
            <source>Cancelling the export…</source>
            <translation>Export wird abgebrochen…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Wird abgebrochen…</translation>
        </message>
        <message>
            <source>Run cancelled</source>
            <translation>Ausführung abgebrochen</translation>
        </message>
        <message>
            <source>Run failed</source>
            <translation>Ausführung fehlgeschlagen</translation>
        </message>
        <message numerus="yes">
            <source>Compared %n precision(s) in %1 s</source>
            <translation>
                <numerusform>%n Präzision in %1 s verglichen</numerusform>
                <numerusform>%n Präzisionen in %1 s verglichen</numerusform>
            </translation>
        </message>
        <message>
            <source>Cannot export</source>
            <translation>Export nicht möglich</translation>
        </message>
        <message>
            <source>Exporting %1…</source>
            <translation>%1 wird exportiert…</translation>
        </message>
        <message>
            <source>Export cancelled</source>
            <translation>Export abgebrochen</translation>
        </message>
        <message>
            <source>Export cancelled; nothing was written</source>
            <translation>Export abgebrochen; nichts wurde geschrieben</translation>
        </message>
        <message>
            <source>Export failed</source>
            <translation>Export fehlgeschlagen</translation>
        </message>
        <message>
            <source>Wrote %1 (%2) in %3 s</source>
            <translation>%1 (%2) in %3 s geschrieben</translation>
        </message>
        <message>
            <source>%1: %2</source>
            <translation>%1: %2</translation>
        </message>
        <message>
            <source>Table written to %1</source>
            <translation>Tabelle nach %1 geschrieben</translation>
        </message>
        <message>
            <source>%1: cannot write the plot</source>
            <translation>%1: Diagramm kann nicht geschrieben werden</translation>
        </message>
        <message>
            <source>Plot written to %1</source>
            <translation>Diagramm nach %1 geschrieben</translation>
        </message>
        <message numerus="yes">
            <source>Copied %n row(s)</source>
            <translation>
                <numerusform>%n Zeile kopiert</numerusform>
                <numerusform>%n Zeilen kopiert</numerusform>
            </translation>
        </message>
        <message>
            <source>About QuantScope</source>
            <translation>Über QuantScope</translation>
        </message>
        <message numerus="yes">
            <source>accuracy on %n position(s), reference perplexity %1</source>
            <translation>
                <numerusform>Genauigkeit an %n Position, Referenz-Perplexität %1</numerusform>
                <numerusform>Genauigkeit an %n Positionen, Referenz-Perplexität %1</numerusform>
            </translation>
        </message>
        <message>
            <source>Plan for size: %1 tensors planned, %2 (%3 bits/weight), KL %4</source>
            <translation>Plan für Zielgröße: %1 Tensoren geplant, %2 (%3 Bit/Gewicht), KL %4</translation>
        </message>
        <message>
            <source>Open &amp;Built-in Model</source>
            <translation>&amp;Mitgeliefertes Modell öffnen</translation>
        </message>
        <message>
            <source>Cannot open the built-in model</source>
            <translation>Das mitgelieferte Modell lässt sich nicht öffnen</translation>
        </message>
        <message>
            <source>Open a model to compare precisions.</source>
            <translation>Öffnen Sie ein Modell, um Präzisionen zu vergleichen.</translation>
        </message>
        <message>
            <source>Whole model: press Run (F5) to quantize every tensor at the checked precisions; one row per precision.</source>
            <translation>Ganzes Modell: Mit „Ausführen“ (F5) wird jeder Tensor in den gewählten Präzisionen quantisiert; eine Zeile pro Präzision.</translation>
        </message>
        <message>
            <source>Whole model: each row quantizes every eligible tensor at one precision (hover a row for its formats and fallbacks).</source>
            <translation>Ganzes Modell: Jede Zeile quantisiert alle geeigneten Tensoren in einer Präzision (Zeile mit der Maus berühren für ihre Formate und Ausweichtypen).</translation>
        </message>
        <message>
            <source>Turn on Analysis &gt; Evaluate Model Accuracy for KL and perplexity.</source>
            <translation>Für KL und Perplexität „Analyse &gt; Modellgenauigkeit messen“ einschalten.</translation>
        </message>
        <message>
            <source>This synthetic demo has random-like weights: its perplexity (in the thousands) and Δ perplexity mean little; the built-in stories260K model (File &gt; Open Built-in Model) is a real one.</source>
            <translation>Dieses synthetische Demo-Modell hat zufallsähnliche Gewichte: Seine Perplexität (in den Tausenden) und die Δ-Perplexität sagen wenig aus; das mitgelieferte Modell stories260K (Datei &gt; Mitgeliefertes Modell öffnen) ist ein echtes.</translation>
        </message>
        <message>
            <source>&lt;h3&gt;QuantScope %1&lt;/h3&gt;&lt;p&gt;See what quantization does to a language model's weights.&lt;/p&gt;&lt;p&gt;Qt %2 (built with %3)&lt;br&gt;QCustomPlot %4&lt;br&gt;Eigen %5&lt;/p&gt;&lt;p&gt;Built-in model: stories260K by Andrej Karpathy (llama2.c, MIT licence).&lt;/p&gt;</source>
            <translation>&lt;h3&gt;QuantScope %1&lt;/h3&gt;&lt;p&gt;Sehen Sie, was Quantisierung mit den Gewichten eines Sprachmodells macht.&lt;/p&gt;&lt;p&gt;Qt %2 (gebaut mit %3)&lt;br&gt;QCustomPlot %4&lt;br&gt;Eigen %5&lt;/p&gt;&lt;p&gt;Mitgeliefertes Modell: stories260K von Andrej Karpathy (llama2.c, MIT-Lizenz).&lt;/p&gt;</translation>
        </message>
        <message>
            <source>Plan %1 bpw + error feedback</source>
            <translation>Plan %1 Bit/Gewicht + Fehlerrückführung</translation>
        </message>
        <message>
            <source>Plan %1 bpw + imatrix</source>
            <translation>Plan %1 Bit/Gewicht + imatrix</translation>
        </message>
        <message>
            <source>Plan %1 bpw</source>
            <translation>Plan %1 Bit/Gewicht</translation>
        </message>
        <message>
            <source>stories260K: a real 260K-parameter llama trained on TinyStories (MIT), built into QuantScope</source>
            <translation>stories260K: ein echtes, auf TinyStories trainiertes Llama-Modell mit 260K Parametern (MIT), in QuantScope eingebaut</translation>
        </message>
        <message>
            <source>A synthetic llama-shaped model built in memory (12 M parameters) with random-like weights: shapes and sizes are real, its perplexity is meaningless</source>
            <translation>Ein synthetisches Modell in Llama-Form, im Speicher erzeugt (12 Mio. Parameter), mit zufallsähnlichen Gewichten: Formen und Größen sind echt, seine Perplexität ist bedeutungslos</translation>
        </message>
        <message>
            <source>Turn on Analysis &gt; Measure Speed for tokens/s.</source>
            <translation>Für Token/s „Analyse &gt; Geschwindigkeit messen“ einschalten.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::EvaluationController</name>
        <message>
            <source>How many tokens the sampled calibration stream of the importance matrix and error feedback has (quantscope-cli --calib-sample; default %1). More take proportionally longer; on a small model they lower error feedback's KL (stories260K at Q4_0: 0.51× plain with 1024, 0.49× with 8192).</source>
            <translation>Wie viele Token der gezogene Kalibrierungsstrom der Wichtigkeitsmatrix und der Fehlerrückführung hat (quantscope-cli --calib-sample; Standard %1). Mehr dauern entsprechend länger; bei einem kleinen Modell senken sie die KL der Fehlerrückführung (stories260K bei Q4_0: 0,51× der einfachen mit 1024, 0,49× mit 8192).</translation>
        </message>
        <message>
            <source>Calibration T&amp;okens (%1)…</source>
            <translation>Kalibrierungs-T&amp;oken (%1)…</translation>
        </message>
        <message>
            <source>Tokens sampled for the importance matrix and error feedback:</source>
            <translation>Für die Wichtigkeitsmatrix und die Fehlerrückführung gezogene Token:</translation>
        </message>
        <message>
            <source>Calibration Tokens</source>
            <translation>Kalibrierungs-Token</translation>
        </message>
        <message>
            <source>Evaluate on Text File</source>
            <translation>Auf Textdatei auswerten</translation>
        </message>
        <message>
            <source>Text files (*.txt);;All files (*)</source>
            <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Accuracy</source>
            <translation>Genauigkeit</translation>
        </message>
        <message>
            <source>Evaluate Model &amp;Accuracy</source>
            <translation>Modell&amp;genauigkeit messen</translation>
        </message>
        <message>
            <source>Evaluate accuracy</source>
            <translation>Genauigkeit messen</translation>
        </message>
        <message>
            <source>Run also runs the model: on %1 tokens sampled from the original model (seed %2, as quantscope-cli compare --eval does), each precision's mean and p99 KL divergence of the next-token distribution, top-1 agreement and perplexity. A few seconds on the 12 M demo model. Needs a llama-shaped model.</source>
            <translation>„Ausführen“ führt dann auch das Modell aus: auf %1 Token, die aus dem Originalmodell gezogen werden (Seed %2, wie quantscope-cli compare --eval), für jede Präzision die mittlere und die p99-KL-Divergenz der Verteilung des nächsten Tokens, die Top-1-Übereinstimmung und die Perplexität. Einige Sekunden beim 12-M-Demomodell. Erfordert ein Modell in Llama-Form.</translation>
        </message>
        <message>
            <source>Run also runs the model: on the text file %1, tokenized with the model's own tokenizer and scored in windows as llama-perplexity does (quantscope-cli compare --eval --text), each precision's mean and p99 KL divergence, top-1 agreement and perplexity. Needs a llama-shaped model with a real tokenizer.</source>
            <translation>„Ausführen“ führt dann auch das Modell aus: auf der Textdatei %1, mit dem eigenen Tokenizer des Modells zerlegt und in Fenstern wie bei llama-perplexity bewertet (quantscope-cli compare --eval --text), für jede Präzision die mittlere und die p99-KL-Divergenz, die Top-1-Übereinstimmung und die Perplexität. Erfordert ein Modell in Llama-Form mit echtem Tokenizer.</translation>
        </message>
        <message>
            <source>Evaluate on &amp;Text File…</source>
            <translation>Auf &amp;Textdatei auswerten…</translation>
        </message>
        <message>
            <source>Calibrate on Text File</source>
            <translation>Auf Textdatei kalibrieren</translation>
        </message>
        <message>
            <source>Calibrate on Te&amp;xt File…</source>
            <translation>Auf Te&amp;xtdatei kalibrieren…</translation>
        </message>
        <message>
            <source>Calibrate the importance matrix and error feedback on a text file of yours instead of sampled tokens (tokenized with the model's own tokenizer; another file than the evaluation text). Uncheck to calibrate on sampled tokens again.</source>
            <translation>Wichtigkeitsmatrix und Fehlerrückführung auf einer eigenen Textdatei statt auf gezogenen Token kalibrieren (mit dem eigenen Tokenizer des Modells zerlegt; eine andere Datei als der Auswertungstext). Abwählen, um wieder auf gezogenen Token zu kalibrieren.</translation>
        </message>
        <message>
            <source>Calibrating on the text file %1. Uncheck to calibrate on sampled tokens again.</source>
            <translation>Kalibrierung auf der Textdatei %1. Abwählen, um wieder auf gezogenen Token zu kalibrieren.</translation>
        </message>
        <message>
            <source>Also quantize every precision with an importance matrix (mean squared activations over the text file %1) and show it as a second row “&lt;type&gt; + imatrix”</source>
            <translation>Jede Präzision zusätzlich mit einer Wichtigkeitsmatrix quantisieren (mittlere quadrierte Aktivierungen über die Textdatei %1) und als zweite Zeile „&lt;Typ&gt; + imatrix“ zeigen</translation>
        </message>
        <message>
            <source>Calibrated on the text file %1 instead.</source>
            <translation>Stattdessen auf der Textdatei %1 kalibriert.</translation>
        </message>
        <message>
            <source>Evaluate on a text file of yours instead of sampled tokens: tokenized with the model's own tokenizer, windows of the context length, the second half of each scored (as llama-perplexity). Uncheck to evaluate on sampled tokens again.</source>
            <translation>Auf einer eigenen Textdatei statt auf gezogenen Token auswerten: mit dem eigenen Tokenizer des Modells zerlegt, Fenster der Kontextlänge, jeweils die zweite Hälfte bewertet (wie llama-perplexity). Abwählen, um wieder auf gezogenen Token auszuwerten.</translation>
        </message>
        <message>
            <source>Use &amp;Importance Matrix</source>
            <translation>&amp;Wichtigkeitsmatrix verwenden</translation>
        </message>
        <message>
            <source>+ imatrix</source>
            <translation>+ imatrix</translation>
        </message>
        <message>
            <source>Also quantize every precision with an importance matrix (mean squared activations over %1 tokens sampled with seed %2, a different stream from the evaluation one) and show it as a second row “&lt;type&gt; + imatrix”</source>
            <translation>Jede Präzision zusätzlich mit einer Wichtigkeitsmatrix quantisieren (mittlere quadrierte Aktivierungen über %1 Token, gezogen mit Seed %2 – ein anderer Strom als der zur Auswertung) und als zweite Zeile „&lt;Typ&gt; + imatrix“ zeigen</translation>
        </message>
        <message>
            <source>Use Error-&amp;Feedback Rounding</source>
            <translation>&amp;Fehlerrückführende Rundung verwenden</translation>
        </message>
        <message>
            <source>+ error feedback</source>
            <translation>+ Fehlerrückführung</translation>
        </message>
        <message>
            <source>Also quantize every precision with error-feedback rounding (GPTQ-style: each weight matrix is rounded so that its output on %1 tokens sampled with seed %2, a different stream from the evaluation one, changes least; the bytes are ordinary llama.cpp blocks, as quantscope-cli quantize --error-feedback writes them) and show it as a row “&lt;type&gt; + error feedback”. Collecting each matrix's input moments takes memory growing with the square of its width: meant for small models.</source>
            <translation>Jede Präzision zusätzlich mit fehlerrückführender Rundung quantisieren (wie GPTQ: jede Gewichtsmatrix wird so gerundet, dass sich ihre Ausgabe auf %1 mit Seed %2 gezogenen Token – einem anderen Strom als dem der Auswertung – am wenigsten ändert; die Bytes sind gewöhnliche llama.cpp-Blöcke, wie quantscope-cli quantize --error-feedback sie schreibt) und als Zeile „&lt;Typ&gt; + Fehlerrückführung“ zeigen. Die Eingangsmomente jeder Matrix brauchen Speicher, der mit dem Quadrat ihrer Breite wächst: für kleine Modelle gedacht.</translation>
        </message>
        <message>
            <source>Measure S&amp;peed</source>
            <translation>Geschwindigkeit &amp;messen</translation>
        </message>
        <message>
            <source>Measure speed</source>
            <translation>Geschwindigkeit messen</translation>
        </message>
        <message numerus="yes">
            <source>Run also measures how fast the model runs on its quantized weights, as quantscope-cli bench-model does: decode tokens/s (128 tokens one at a time after a 16-token prompt, llama-bench's tg128) and prompt tokens/s (one 512-token batch, pp512; both at most the context length) with %n thread(s), for the opened model as stored (a source row) and for each precision; “speed ×” is the decode speed over the source's. Needs a llama-shaped model.</source>
            <translation>
                <numerusform>„Ausführen“ misst auch, wie schnell das Modell auf seinen quantisierten Gewichten läuft, wie quantscope-cli bench-model: Dekodier-Token/s (128 Token einzeln nach einem Prompt aus 16 Token, tg128 von llama-bench) und Prompt-Token/s (ein Batch aus 512 Token, pp512; beides höchstens die Kontextlänge) mit %n Thread, für das geöffnete Modell, wie es gespeichert ist (eine Quellzeile), und für jede Präzision; „Tempo ×“ ist das Dekodiertempo geteilt durch das der Quelle. Braucht ein Modell in Llama-Form.</numerusform>
                <numerusform>„Ausführen“ misst auch, wie schnell das Modell auf seinen quantisierten Gewichten läuft, wie quantscope-cli bench-model: Dekodier-Token/s (128 Token einzeln nach einem Prompt aus 16 Token, tg128 von llama-bench) und Prompt-Token/s (ein Batch aus 512 Token, pp512; beides höchstens die Kontextlänge) mit %n Threads, für das geöffnete Modell, wie es gespeichert ist (eine Quellzeile), und für jede Präzision; „Tempo ×“ ist das Dekodiertempo geteilt durch das der Quelle. Braucht ein Modell in Llama-Form.</numerusform>
            </translation>
        </message>
        <message>
            <source>T&amp;hreads</source>
            <translation>T&amp;hreads</translation>
        </message>
        <message>
            <source>How many threads QuantScope computes with (quantizing, evaluating, measuring speed); like quantscope-cli --threads. Applies to work started afterwards.</source>
            <translation>Mit wie vielen Threads QuantScope rechnet (Quantisieren, Auswerten, Geschwindigkeit messen); wie quantscope-cli --threads. Gilt für danach begonnene Arbeit.</translation>
        </message>
        <message numerus="yes">
            <source>&amp;All Cores (%n)</source>
            <translation>
                <numerusform>&amp;Alle Kerne (%n)</numerusform>
                <numerusform>&amp;Alle Kerne (%n)</numerusform>
            </translation>
        </message>
        <message>
            <source>Acti&amp;vations</source>
            <translation>A&amp;ktivierungen</translation>
        </message>
        <message>
            <source>&amp;llama.cpp: Quantized Activations</source>
            <translation>&amp;llama.cpp: quantisierte Aktivierungen</translation>
        </message>
        <message>
            <source>&amp;Float Activations (Weights Only)</source>
            <translation>&amp;Float-Aktivierungen (nur Gewichte)</translation>
        </message>
        <message>
            <source>Activations:</source>
            <translation>Aktivierungen:</translation>
        </message>
        <message>
            <source>float</source>
            <translation>float</translation>
        </message>
        <message>
            <source>How activations meet the weights when the model runs (accuracy, speed, sensitivity, plan for size). llama.cpp (default): each activation row is quantized to the format's vec-dot type (Q8_0, Q8_1 or Q8_K) as llama.cpp does, so the KL is the one llama.cpp gives for the exported file. float: activations stay float, the KL of the weights' rounding alone. Changing it clears the results measured with the other mode and redoes the last Run.</source>
            <translation>Wie die Aktivierungen beim Ausführen des Modells auf die Gewichte treffen (Genauigkeit, Geschwindigkeit, Empfindlichkeit, Plan für Zielgröße). llama.cpp (Standard): Jede Aktivierungszeile wird wie in llama.cpp in den Vec-Dot-Typ des Formats (Q8_0, Q8_1 oder Q8_K) quantisiert; die KL ist also die, die llama.cpp für die exportierte Datei liefert. float: Die Aktivierungen bleiben Gleitkommazahlen, die KL allein der Rundung der Gewichte. Ein Wechsel verwirft die im anderen Modus gemessenen Ergebnisse und wiederholt die letzte Ausführung.</translation>
        </message>
        <message>
            <source>Not a llama-shaped model: its accuracy cannot be measured</source>
            <translation>Kein Modell in Llama-Form: seine Genauigkeit kann nicht gemessen werden</translation>
        </message>
        <message>
            <source>Not a llama-shaped model: its speed cannot be measured</source>
            <translation>Kein Modell in Llama-Form: seine Geschwindigkeit kann nicht gemessen werden</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SensitivityController</name>
        <message>
            <source>Most sensitive at %1: %2 (KL %3)</source>
            <translation>Am empfindlichsten bei %1: %2 (KL %3)</translation>
        </message>
        <message>
            <source>Sensitivity</source>
            <translation>Empfindlichkeit</translation>
        </message>
        <message>
            <source>Tensor &amp;Sensitivity</source>
            <translation>Tensor-&amp;Empfindlichkeit</translation>
        </message>
        <message>
            <source>KL divergence when only one tensor (or layer) is quantized, ranked</source>
            <translation>KL-Divergenz, wenn nur ein Tensor (oder eine Schicht) quantisiert wird, sortiert</translation>
        </message>
        <message>
            <source>Plan for Si&amp;ze…</source>
            <translation>Plan für &amp;Zielgröße…</translation>
        </message>
        <message>
            <source>Mixed precision for a size target: the per-tensor plan with the least KL</source>
            <translation>Gemischte Präzision für eine Zielgröße: der Plan pro Tensor mit der kleinsten KL</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::TeachingController</name>
        <message>
            <source>What's &amp;This?</source>
            <translation>&amp;Direkthilfe</translation>
        </message>
        <message>
            <source>Explain in the quantization primer</source>
            <translation>In der Einführung in die Quantisierung erklären</translation>
        </message>
        <message>
            <source>Block inspector</source>
            <translation>Block-Inspektor</translation>
        </message>
        <message>
            <source>&amp;Block Inspector</source>
            <translation>&amp;Block-Inspektor</translation>
        </message>
        <message>
            <source>One block of a tensor: its weights, the grid of levels, codes, scales and formula</source>
            <translation>Ein Block eines Tensors: seine Gewichte, das Stufenraster, Codes, Skalen und Formel</translation>
        </message>
        <message>
            <source>Quantization &amp;Primer</source>
            <translation>&amp;Einführung in die Quantisierung</translation>
        </message>
        <message>
            <source>What quantization is, with examples computed from the open model</source>
            <translation>Was Quantisierung ist, mit Beispielen aus dem geöffneten Modell</translation>
        </message>
        <message>
            <source>Right-click a column to read about it in the quantization primer</source>
            <translation>Rechtsklick auf eine Spalte erklärt sie in der Einführung in die Quantisierung</translation>
        </message>
        <message>
            <source>Click a control to read what it shows, with a link into the quantization primer</source>
            <translation>Klicken Sie auf ein Bedienelement, um zu lesen, was es zeigt – mit einem Link in die Einführung in die Quantisierung</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::ModelBrowser</name>
        <message>
            <source>(keep)</source>
            <translation>(beibehalten)</translation>
        </message>
        <message>
            <source>Filter tensors…</source>
            <translation>Tensoren filtern…</translation>
        </message>
        <message>
            <source>Fill the plan column from a preset</source>
            <translation>Die Planspalte aus einer Vorlage füllen</translation>
        </message>
        <message>
            <source>Plan preset…</source>
            <translation>Planvorlage…</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>Shape</source>
            <translation>Form</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Typ</translation>
        </message>
        <message>
            <source>Parameters</source>
            <translation>Parameter</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>Plan</source>
            <translation>Plan</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>Kein Modell</translation>
        </message>
        <message>
            <source>Layer %1</source>
            <translation>Schicht %1</translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s)</source>
            <translation>
                <numerusform>%n Tensor</numerusform>
                <numerusform>%n Tensoren</numerusform>
            </translation>
        </message>
        <message>
            <source>Double-click to set the target type of this tensor (applies to every selected tensor)</source>
            <translation>Doppelklick setzt den Zieltyp dieses Tensors (gilt für alle ausgewählten Tensoren)</translation>
        </message>
        <message>
            <source>Open a model (File ▸ Open…) or drop a file here.</source>
            <translation>Öffnen Sie ein Modell (Datei ▸ Öffnen…) oder ziehen Sie eine Datei hierher.</translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s) · %1 parameters · size now %2 · after the plan %3 (%4 bits/weight)</source>
            <translation>
                <numerusform>%n Tensor · %1 Parameter · Größe jetzt %2 · nach dem Plan %3 (%4 Bit/Gewicht)</numerusform>
                <numerusform>%n Tensoren · %1 Parameter · Größe jetzt %2 · nach dem Plan %3 (%4 Bit/Gewicht)</numerusform>
            </translation>
        </message>
        <message>
            <source>Tensor name, grouped by layer</source>
            <translation>Tensorname, nach Schicht gruppiert</translation>
        </message>
        <message>
            <source>Rows × columns of the tensor</source>
            <translation>Zeilen × Spalten des Tensors</translation>
        </message>
        <message>
            <source>Storage type of the tensor in the opened file</source>
            <translation>Speichertyp des Tensors in der geöffneten Datei</translation>
        </message>
        <message>
            <source>Number of weights</source>
            <translation>Anzahl der Gewichte</translation>
        </message>
        <message>
            <source>Bytes the tensor takes in the opened file</source>
            <translation>Bytes, die der Tensor in der geöffneten Datei belegt</translation>
        </message>
        <message>
            <source>Target type of the tensor in the mixed-precision plan (double-click to change)</source>
            <translation>Zieltyp des Tensors im Plan mit gemischter Präzision (Doppelklick zum Ändern)</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::PlotsWidget</name>
        <message>
            <source>Log scale</source>
            <translation>Logarithmische Skala</translation>
        </message>
        <message>
            <source>Logarithmic count axis for the histograms</source>
            <translation>Logarithmische Häufigkeitsachse für die Histogramme</translation>
        </message>
        <message>
            <source>Levels of:</source>
            <translation>Stufen von:</translation>
        </message>
        <message>
            <source>Precision whose reconstruction levels and dequantized histogram are drawn over the weight histogram</source>
            <translation>Präzision, deren Rekonstruktionsstufen und dequantisiertes Histogramm über das Gewichtshistogramm gezeichnet werden</translation>
        </message>
        <message>
            <source>Per layer:</source>
            <translation>Pro Schicht:</translation>
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
            <translation>Abwägung x:</translation>
        </message>
        <message>
            <source>Bits per weight</source>
            <translation>Bit pro Gewicht</translation>
        </message>
        <message>
            <source>Size (MB)</source>
            <translation>Größe (MB)</translation>
        </message>
        <message>
            <source>Reset view</source>
            <translation>Ansicht zurücksetzen</translation>
        </message>
        <message>
            <source>Fit the axes to the data (also: double-click the plot)</source>
            <translation>Achsen an die Daten anpassen (auch: Doppelklick ins Diagramm)</translation>
        </message>
        <message>
            <source>Weight histogram</source>
            <translation>Gewichtshistogramm</translation>
        </message>
        <message>
            <source>Error distribution</source>
            <translation>Fehlerverteilung</translation>
        </message>
        <message>
            <source>Per-layer error</source>
            <translation>Fehler pro Schicht</translation>
        </message>
        <message>
            <source>Trade-off</source>
            <translation>Abwägung</translation>
        </message>
        <message>
            <source>Select a tensor or open a model</source>
            <translation>Wählen Sie einen Tensor oder öffnen Sie ein Modell</translation>
        </message>
        <message>
            <source>Press Run to compare the checked precisions over the whole model</source>
            <translation>Drücken Sie „Ausführen“, um die gewählten Präzisionen über das ganze Modell zu vergleichen</translation>
        </message>
        <message>
            <source>%1 — RMSE %2 · SQNR %3 dB · max %4</source>
            <translation>%1 — RMSE %2 · SQNR %3 dB · max. %4</translation>
        </message>
        <message>
            <source>Error (dequantized − original): %1</source>
            <translation>Fehler (dequantisiert − original): %1</translation>
        </message>
        <message>
            <source>error</source>
            <translation>Fehler</translation>
        </message>
        <message>
            <source>density</source>
            <translation>Dichte</translation>
        </message>
        <message>
            <source>weight value</source>
            <translation>Gewichtswert</translation>
        </message>
        <message>
            <source>count</source>
            <translation>Anzahl</translation>
        </message>
        <message>
            <source>Press Run for the whole model's error distribution, or select a tensor</source>
            <translation>Drücken Sie „Ausführen“ für die Fehlerverteilung des ganzen Modells oder wählen Sie einen Tensor</translation>
        </message>
        <message>
            <source>dequantized %1</source>
            <translation>dequantisiert %1</translation>
        </message>
        <message>
            <source>levels of one %1 block</source>
            <translation>Stufen eines %1-Blocks</translation>
        </message>
        <message>
            <source>levels</source>
            <translation>Stufen</translation>
        </message>
        <message>
            <source>Weights: %1</source>
            <translation>Gewichte: %1</translation>
        </message>
        <message numerus="yes">
            <source>%1: %n reconstruction level(s) in %2 (move the mouse over the histogram to pick another block)</source>
            <translation>
                <numerusform>%1: %n Rekonstruktionsstufe in %2 (Maus über das Histogramm bewegen, um einen anderen Block zu wählen)</numerusform>
                <numerusform>%1: %n Rekonstruktionsstufen in %2 (Maus über das Histogramm bewegen, um einen anderen Block zu wählen)</numerusform>
            </translation>
        </message>
        <message>
            <source>Error (dequantized − original): whole model</source>
            <translation>Fehler (dequantisiert − original): ganzes Modell</translation>
        </message>
        <message>
            <source>tensor (in model order; ticks at the first tensor of each layer)</source>
            <translation>Tensor (in Modellreihenfolge; Markierungen beim ersten Tensor jeder Schicht)</translation>
        </message>
        <message>
            <source>Per-tensor error along the model</source>
            <translation>Fehler pro Tensor entlang des Modells</translation>
        </message>
        <message>
            <source>Size vs error: %1</source>
            <translation>Größe gegen Fehler: %1</translation>
        </message>
        <message>
            <source>Size vs error: whole model</source>
            <translation>Größe gegen Fehler: ganzes Modell</translation>
        </message>
        <message>
            <source>Pareto front</source>
            <translation>Pareto-Front</translation>
        </message>
        <message>
            <source>size (MB)</source>
            <translation>Größe (MB)</translation>
        </message>
        <message>
            <source>bits per weight</source>
            <translation>Bit pro Gewicht</translation>
        </message>
        <message>
            <source>SQNR (dB) — higher is better</source>
            <translation>SQNR (dB) — höher ist besser</translation>
        </message>
        <message>
            <source>error:</source>
            <translation>Fehler:</translation>
        </message>
        <message>
            <source>Weight SQNR (dB)</source>
            <translation>Gewichts-SQNR (dB)</translation>
        </message>
        <message>
            <source>Weight RMSE</source>
            <translation>Gewichts-RMSE</translation>
        </message>
        <message>
            <source>Mean KL (model)</source>
            <translation>Mittlere KL (Modell)</translation>
        </message>
        <message>
            <source>Error axis of the trade-off plot; mean KL needs a Run with Analysis &gt; Evaluate Model Accuracy</source>
            <translation>Fehlerachse des Kompromiss-Diagramms; die mittlere KL erfordert einen Lauf mit Analyse &gt; Modellgenauigkeit messen</translation>
        </message>
        <message>
            <source>Mean KL: turn on Analysis &gt; Evaluate Model Accuracy and press Run</source>
            <translation>Mittlere KL: Analyse &gt; Modellgenauigkeit messen einschalten und „Ausführen“ drücken</translation>
        </message>
        <message>
            <source>Size vs mean KL divergence: whole model</source>
            <translation>Größe gegen mittlere KL-Divergenz: ganzes Modell</translation>
        </message>
        <message>
            <source>weight RMSE — lower is better</source>
            <translation>Gewichts-RMSE – niedriger ist besser</translation>
        </message>
        <message>
            <source>mean KL divergence (nats) — lower is better</source>
            <translation>mittlere KL-Divergenz (nats) – niedriger ist besser</translation>
        </message>
        <message>
            <source>How the weights are distributed, with the levels a precision can represent</source>
            <translation>Wie die Gewichte verteilt sind, mit den Stufen, die eine Präzision darstellen kann</translation>
        </message>
        <message>
            <source>Distribution of the rounding error per precision</source>
            <translation>Verteilung des Rundungsfehlers je Präzision</translation>
        </message>
        <message>
            <source>The error of every tensor along the model</source>
            <translation>Der Fehler jedes Tensors entlang des Modells</translation>
        </message>
        <message>
            <source>Storage against error for each precision, with the Pareto front</source>
            <translation>Speicherbedarf gegen Fehler für jede Präzision, mit der Pareto-Front</translation>
        </message>
        <message>
            <source>original weights (%1)</source>
            <translation>ursprüngliche Gewichte (%1)</translation>
        </message>
        <message>
            <source>The whole model's weights. Select a tensor in the Model list to see the levels a precision gives its blocks, or press Run (F5) to compare the checked precisions.</source>
            <translation>Die Gewichte des ganzen Modells. Wählen Sie in der Modellliste einen Tensor, um die Stufen zu sehen, die eine Präzision seinen Blöcken gibt, oder drücken Sie „Ausführen“ (F5), um die gewählten Präzisionen zu vergleichen.</translation>
        </message>
        <message>
            <source>original (%1 weights)</source>
            <translation>Original (%1 Gewichte)</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 of %n level(s) used in %3 (move the mouse over the histogram to pick another block)</source>
            <translation>
                <numerusform>%1: %2 von %n Stufe genutzt in %3 (Maus über das Histogramm bewegen, um einen anderen Block zu wählen)</numerusform>
                <numerusform>%1: %2 von %n Stufen genutzt in %3 (Maus über das Histogramm bewegen, um einen anderen Block zu wählen)</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 (same as %2)</source>
            <translation>%1 (wie %2)</translation>
        </message>
        <message>
            <source>Decode speed ×</source>
            <translation>Dekodiertempo ×</translation>
        </message>
        <message>
            <source>Size axis of the trade-off plot, or the decode speed over the opened model's (needs a Run with Analysis &gt; Measure Speed): size, speed and error, the three-way trade-off</source>
            <translation>Größenachse der Abwägung oder das Dekodiertempo im Verhältnis zu dem des geöffneten Modells (braucht eine Ausführung mit Analyse &gt; Geschwindigkeit messen): Größe, Geschwindigkeit und Fehler, die dreifache Abwägung</translation>
        </message>
        <message>
            <source>Decode speed: turn on Analysis &gt; Measure Speed and press Run</source>
            <translation>Dekodiertempo: Analyse &gt; Geschwindigkeit messen einschalten und „Ausführen“ drücken</translation>
        </message>
        <message>
            <source>Decode speed vs mean KL divergence: whole model</source>
            <translation>Dekodiertempo gegen mittlere KL-Divergenz: ganzes Modell</translation>
        </message>
        <message>
            <source>Decode speed vs error: whole model</source>
            <translation>Dekodiertempo gegen Fehler: ganzes Modell</translation>
        </message>
        <message>
            <source>decode speed × (tokens/s over the source %1's) — higher is faster</source>
            <translation>Dekodiertempo × (Token/s geteilt durch die der Quelle %1) — höher ist schneller</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::PrecisionBar</name>
        <message>
            <source>Precisions</source>
            <translation>Präzisionen</translation>
        </message>
        <message>
            <source>Choose the precisions to compare</source>
            <translation>Die zu vergleichenden Präzisionen wählen</translation>
        </message>
        <message>
            <source>Run</source>
            <translation>Ausführen</translation>
        </message>
        <message>
            <source>Quantize the whole model at every checked precision and measure the error (F5)</source>
            <translation>Das ganze Modell in jeder gewählten Präzision quantisieren und den Fehler messen (F5)</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>(none checked)</source>
            <translation>(keine gewählt)</translation>
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
            <source>A video analogy</source>
            <translation>Ein Vergleich mit Video</translation>
        </message>
        <message>
            <source>Think of a video stream: Q8 is like 1440p, hard to tell from the original; Q4 is like 720p, clearly softer when you look closely but perfectly watchable; Q2 is like 360p, the story is still there but details are lost. As with video, the smaller file is often the right choice, as long as you know what it costs.</source>
            <translation>Denken Sie an einen Videostream: Q8 ist wie 1440p, kaum vom Original zu unterscheiden; Q4 ist wie 720p, bei genauem Hinsehen deutlich weicher, aber gut anzusehen; Q2 ist wie 360p, die Handlung ist noch da, aber Details gehen verloren. Wie beim Video ist die kleinere Datei oft die richtige Wahl, solange man weiß, was sie kostet.</translation>
        </message>
        <message numerus="yes">
            <source>(%n tensor(s) whose rows a format cannot split use llama.cpp's fallback type.)</source>
            <translation>
                <numerusform>(%n Tensor, dessen Zeilen ein Format nicht aufteilen kann, verwendet den Ersatztyp von llama.cpp.)</numerusform>
                <numerusform>(%n Tensoren, deren Zeilen ein Format nicht aufteilen kann, verwenden den Ersatztyp von llama.cpp.)</numerusform>
            </translation>
        </message>
        <message>
            <source>on this tensor %1 keeps an SQNR of %2, %3 %4, %5 %6 (every 10 dB is ten times less error power).</source>
            <translation>auf diesem Tensor erreicht %1 ein SQNR von %2, %3 %4, %5 %6 (jede 10 dB bedeuten zehnmal weniger Fehlerleistung).</translation>
        </message>
        <message>
            <source>Primer: %1</source>
            <translation>Einführung: %1</translation>
        </message>
        <message>
            <source>Shift+F1: more in the primer</source>
            <translation>Umschalt+F1: mehr in der Einführung</translation>
        </message>
        <message>
            <source>Codebooks: lattice formats</source>
            <translation>Codebücher: Gitterformate</translation>
        </message>
        <message>
            <source>on the first %1 rows of this tensor: Q2_K %2 bits per weight, SQNR %3; IQ2_XXS %4 bits per weight, SQNR %5; IQ3_XXS %6 bits per weight, SQNR %7.</source>
            <translation>in den ersten %1 Zeilen dieses Tensors: Q2_K %2 Bit pro Gewicht, SQNR %3; IQ2_XXS %4 Bit pro Gewicht, SQNR %5; IQ3_XXS %6 Bit pro Gewicht, SQNR %7.</translation>
        </message>
        <message>
            <source>(this tensor's rows are not a multiple of 256, so the lattice formats do not apply to it.)</source>
            <translation>(Die Zeilen dieses Tensors sind kein Vielfaches von 256, daher gelten die Gitterformate für ihn nicht.)</translation>
        </message>
        <message>
            <source>Q2_K stores a small integer code for every weight and multiplies it by a scale. The IQ formats store, for a group of 8 (or 4) weights, the number of one entry of a fixed codebook: a lattice of 256 or 512 patterns of magnitudes chosen so that the combinations real weights take are close to one of them, plus the signs and a scale per 32 weights. Because a whole group is coded at once, IQ2_XXS spends 2.06 bits per weight where Q2_K needs 2.63. Choosing the best entry is a search over the codebook, which is why these formats quantize slowly and llama.cpp asks for an importance matrix for the 2-bit ones.</source>
            <translation>Q2_K speichert für jedes Gewicht einen kleinen ganzzahligen Code und multipliziert ihn mit einer Skala. Die IQ-Formate speichern für eine Gruppe von 8 (oder 4) Gewichten die Nummer eines Eintrags eines festen Codebuchs: eines Gitters aus 256 oder 512 Mustern von Beträgen, so gewählt, dass die Kombinationen, die echte Gewichte annehmen, nahe an einem von ihnen liegen, dazu die Vorzeichen und eine Skala pro 32 Gewichte. Weil eine ganze Gruppe auf einmal codiert wird, braucht IQ2_XXS 2,06 Bit pro Gewicht, wo Q2_K 2,63 braucht. Den besten Eintrag zu wählen ist eine Suche im Codebuch; deshalb quantisieren diese Formate langsam, und llama.cpp verlangt für die 2-Bit-Formate eine Wichtigkeitsmatrix.</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::TradeoffTableModel</name>
        <message numerus="yes">
            <source>%1: %n tensor(s) quantized</source>
            <translation>
                <numerusform>%1: %n Tensor quantisiert</numerusform>
                <numerusform>%1: %n Tensoren quantisiert</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>, %n with a fallback type (row length vs block size)</source>
            <translation>
                <numerusform>, %n mit Ersatztyp (Zeilenlänge vs. Blockgröße)</numerusform>
                <numerusform>, %n mit Ersatztyp (Zeilenlänge vs. Blockgröße)</numerusform>
            </translation>
        </message>
        <message>
            <source>Precision</source>
            <translation>Präzision</translation>
        </message>
        <message>
            <source>Bits/weight</source>
            <translation>Bit/Gewicht</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Größe</translation>
        </message>
        <message>
            <source>vs source</source>
            <translation>ggü. Quelle</translation>
        </message>
        <message>
            <source>vs F32</source>
            <translation>ggü. F32</translation>
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
            <translation>Max. Fehler</translation>
        </message>
        <message>
            <source>p99 |error|</source>
            <translation>p99 |Fehler|</translation>
        </message>
        <message>
            <source>Cosine</source>
            <translation>Kosinus</translation>
        </message>
        <message>
            <source>Time (s)</source>
            <translation>Zeit (s)</translation>
        </message>
        <message>
            <source>Storage of the quantized tensors (as quantscope-cli compare reports it)</source>
            <translation>Speicherbedarf der quantisierten Tensoren (wie quantscope-cli compare ihn angibt)</translation>
        </message>
        <message>
            <source>Bits per weight over the quantized tensors</source>
            <translation>Bit pro Gewicht über die quantisierten Tensoren</translation>
        </message>
        <message>
            <source>Compression relative to the opened model's own storage of the same tensors</source>
            <translation>Kompression relativ zur Speicherung derselben Tensoren im geöffneten Modell</translation>
        </message>
        <message>
            <source>Compression relative to storing every weight as F32</source>
            <translation>Kompression relativ zur Speicherung jedes Gewichts als F32</translation>
        </message>
        <message>
            <source>Signal-to-quantization-noise ratio: 10·log10(Σx² / Σ(x−q)²)</source>
            <translation>Signal-Quantisierungsrausch-Verhältnis: 10·log10(Σx² / Σ(x−q)²)</translation>
        </message>
        <message>
            <source>99th percentile of the absolute error</source>
            <translation>99. Perzentil des absoluten Fehlers</translation>
        </message>
        <message>
            <source>Cosine similarity between the original and the dequantized weights</source>
            <translation>Kosinusähnlichkeit zwischen ursprünglichen und dequantisierten Gewichten</translation>
        </message>
        <message>
            <source>Quantized with error-feedback rounding (GPTQ-style: each matrix's output on another token stream than the evaluation changes least; ordinary llama.cpp blocks); weight errors are not measured for this row</source>
            <translation>Mit fehlerrückführender Rundung quantisiert (wie GPTQ: die Ausgabe jeder Matrix auf einem anderen Token-Strom als dem der Auswertung ändert sich am wenigsten; gewöhnliche llama.cpp-Blöcke); Gewichtsfehler werden für diese Zeile nicht gemessen</translation>
        </message>
        <message>
            <source>Quantized with the importance matrix (calibrated on another token stream than the evaluation); weight errors are not measured for this row</source>
            <translation>Mit der Wichtigkeitsmatrix quantisiert (auf einem anderen Tokenstrom als die Auswertung kalibriert); Gewichtsfehler werden für diese Zeile nicht gemessen</translation>
        </message>
        <message numerus="yes">
            <source>Evaluated on %n position(s); reference perplexity %1</source>
            <translation>
                <numerusform>An %n Position ausgewertet; Referenz-Perplexität %1</numerusform>
                <numerusform>An %n Positionen ausgewertet; Referenz-Perplexität %1</numerusform>
            </translation>
        </message>
        <message>
            <source>KL mean</source>
            <translation>KL Mittel</translation>
        </message>
        <message>
            <source>KL p99</source>
            <translation>KL p99</translation>
        </message>
        <message>
            <source>Top-1 agreement</source>
            <translation>Top-1-Übereinstimmung</translation>
        </message>
        <message>
            <source>Perplexity</source>
            <translation>Perplexität</translation>
        </message>
        <message>
            <source>Δ perplexity</source>
            <translation>Δ Perplexität</translation>
        </message>
        <message>
            <source>Mean KL divergence of the quantized model's next-token distribution from the original's, in nats (Analysis &gt; Evaluate Model Accuracy)</source>
            <translation>Mittlere KL-Divergenz der Verteilung des nächsten Tokens des quantisierten Modells von der des Originals, in nats (Analyse &gt; Modellgenauigkeit messen)</translation>
        </message>
        <message>
            <source>99th percentile of the per-position KL divergence</source>
            <translation>99. Perzentil der KL-Divergenz je Position</translation>
        </message>
        <message>
            <source>How often the quantized and the original model agree on the most likely next token</source>
            <translation>Wie oft sich das quantisierte und das Originalmodell beim wahrscheinlichsten nächsten Token einig sind</translation>
        </message>
        <message>
            <source>Perplexity of the quantized model on the evaluation tokens</source>
            <translation>Perplexität des quantisierten Modells auf den Auswertungstoken</translation>
        </message>
        <message>
            <source>Perplexity of the quantized model minus that of the original</source>
            <translation>Perplexität des quantisierten Modells minus die des Originals</translation>
        </message>
        <message>
            <source>The format or preset the model was quantized to</source>
            <translation>Format oder Vorlage, in die das Modell quantisiert wurde</translation>
        </message>
        <message>
            <source>Root mean square of the weight error</source>
            <translation>Quadratisches Mittel des Gewichtsfehlers</translation>
        </message>
        <message>
            <source>Largest absolute weight error</source>
            <translation>Größter absoluter Gewichtsfehler</translation>
        </message>
        <message>
            <source>Time to quantize, dequantize and measure at this precision</source>
            <translation>Zeit zum Quantisieren, Dequantisieren und Messen in dieser Präzision</translation>
        </message>
        <message>
            <source>%1: a mixed-precision plan for a size target (Analysis &gt; Plan for Size); its bits per weight count every tensor of the forward pass, as plan-for-size does</source>
            <translation>%1: ein Plan gemischter Präzision für eine Zielgröße (Analyse &gt; Plan für Zielgröße); seine Bits pro Gewicht zählen jeden Tensor des Vorwärtsdurchlaufs, wie plan-for-size es tut</translation>
        </message>
        <message>
            <source>The synthetic demo's weights are random-like: its perplexity is in the thousands and a Δ perplexity can even be negative; use KL and top-1.</source>
            <translation>Die Gewichte des synthetischen Demo-Modells sind zufallsähnlich: Seine Perplexität liegt in den Tausenden, und eine Δ-Perplexität kann sogar negativ sein; nutzen Sie KL und Top-1.</translation>
        </message>
        <message>
            <source>%1 (fallback %2/%3)</source>
            <translation>%1 (Ausweichtyp %2/%3)</translation>
        </message>
        <message numerus="yes">
            <source>%1: %2 of %n tensor(s) fell back to %3 (their rows are not a multiple of its block size), so this row measures mostly %3</source>
            <translation>
                <numerusform>%1: %2 von %n Tensor wichen auf %3 aus (ihre Zeilen sind kein Vielfaches seiner Blockgröße), diese Zeile misst also vor allem %3</numerusform>
                <numerusform>%1: %2 von %n Tensoren wichen auf %3 aus (ihre Zeilen sind kein Vielfaches seiner Blockgröße), diese Zeile misst also vor allem %3</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n tensor(s) %1 at %2 bits/weight</source>
            <translation>
                <numerusform>%n Tensor %1 mit %2 Bit/Gewicht</numerusform>
                <numerusform>%n Tensoren %1 mit %2 Bit/Gewicht</numerusform>
            </translation>
        </message>
        <message>
            <source>%1 bits/weight over %2 weights: %3. Every block's scales count, and tensors whose rows a block does not divide keep a wider type, so a "4-bit" row can cost much more.</source>
            <translation>%1 Bit/Gewicht über %2 Gewichte: %3. Die Skalen jedes Blocks zählen mit, und Tensoren, deren Zeilen ein Block nicht teilt, behalten einen breiteren Typ – eine „4-Bit“-Zeile kann also viel mehr kosten.</translation>
        </message>
        <message>
            <source>%1: the opened model as stored, the reference of “speed ×”</source>
            <translation>%1: das geöffnete Modell, wie es gespeichert ist, die Referenz für „Tempo ×“</translation>
        </message>
        <message>
            <source>%1 (source)</source>
            <translation>%1 (Quelle)</translation>
        </message>
        <message>
            <source>tokens/s</source>
            <translation>Token/s</translation>
        </message>
        <message>
            <source>speed ×</source>
            <translation>Tempo ×</translation>
        </message>
        <message>
            <source>prompt tokens/s</source>
            <translation>Prompt-Token/s</translation>
        </message>
        <message>
            <source>Decode speed (tokens/s, one token at a time after a 16-token prompt, as llama-bench tg128), its ratio to the opened model's own, and prompt speed (one 512-token batch, pp512), measured on the quantized weights as quantscope-cli bench-model does (Analysis &gt; Measure Speed)</source>
            <translation>Dekodiertempo (Token/s, ein Token nach dem anderen nach einem Prompt aus 16 Token, wie llama-bench tg128), sein Verhältnis zu dem des geöffneten Modells und Prompt-Tempo (ein Batch aus 512 Token, pp512), gemessen auf den quantisierten Gewichten wie quantscope-cli bench-model (Analyse &gt; Geschwindigkeit messen)</translation>
        </message>
        <message numerus="yes">
            <source>Decode: %1 tokens generated one at a time after a %2-token prompt (llama-bench tg%1); prompt: one batch of %3 tokens (pp%3); %n thread(s), activations %4, on the quantized weights as quantscope-cli bench-model measures them. “speed ×” is the decode speed over the source row's.</source>
            <translation>
                <numerusform>Dekodieren: %1 Token, eines nach dem anderen nach einem Prompt aus %2 Token erzeugt (llama-bench tg%1); Prompt: ein Batch aus %3 Token (pp%3); %n Thread, Aktivierungen %4, auf den quantisierten Gewichten, wie quantscope-cli bench-model sie misst. „Tempo ×“ ist das Dekodiertempo geteilt durch das der Quellzeile.</numerusform>
                <numerusform>Dekodieren: %1 Token, eines nach dem anderen nach einem Prompt aus %2 Token erzeugt (llama-bench tg%1); Prompt: ein Batch aus %3 Token (pp%3); %n Threads, Aktivierungen %4, auf den quantisierten Gewichten, wie quantscope-cli bench-model sie misst. „Tempo ×“ ist das Dekodiertempo geteilt durch das der Quellzeile.</numerusform>
            </translation>
        </message>
        <message>
            <source>float (weights only)</source>
            <translation>float (nur Gewichte)</translation>
        </message>
        <message>
            <source>llama (quantized as llama.cpp does)</source>
            <translation>llama (quantisiert wie in llama.cpp)</translation>
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
            <translation>Gleitkomma</translation>
        </message>
        <message>
            <source>Presets (mixed precision)</source>
            <translation>Vorlagen (gemischte Präzision)</translation>
        </message>
        <message>
            <source>llama.cpp preset %1: a mixture of types per tensor</source>
            <translation>llama.cpp-Vorlage %1: eine Mischung von Typen pro Tensor</translation>
        </message>
        <message>
            <source>llama.cpp preset %1</source>
            <translation>llama.cpp-Vorlage %1</translation>
        </message>
        <message>
            <source>Every eligible tensor as %1</source>
            <translation>Jeder geeignete Tensor als %1</translation>
        </message>
        <message>
            <source>not quantized (%1)</source>
            <translation>nicht quantisiert (%1)</translation>
        </message>
        <message>
            <source>%1 (%2)</source>
            <translation>%1 (%2)</translation>
        </message>
        <message>
            <source>row %1</source>
            <translation>Zeile %1</translation>
        </message>
        <message>
            <source>row %1, block %2 (columns %3–%4)</source>
            <translation>Zeile %1, Block %2 (Spalten %3–%4)</translation>
        </message>
        <message>
            <source>%1 + error feedback</source>
            <translation>%1 + Fehlerrückführung</translation>
        </message>
        <message>
            <source>%1 + imatrix</source>
            <translation>%1 + imatrix</translation>
        </message>
        <message>
            <source>stories260K (built-in)</source>
            <translation>stories260K (mitgeliefert)</translation>
        </message>
        <message>
            <source>synthetic demo (%1 M parameters, random-like weights)</source>
            <translation>synthetisches Demo-Modell (%1 Mio. Parameter, zufallsähnliche Gewichte)</translation>
        </message>
        <message>
            <source>Quantizing every tensor…</source>
            <translation>Jeder Tensor wird quantisiert…</translation>
        </message>
        <message>
            <source>Running the original model on the evaluation tokens…</source>
            <translation>Das ursprüngliche Modell läuft auf den Auswertungs-Tokens…</translation>
        </message>
        <message>
            <source>Evaluating %1…</source>
            <translation>%1 wird ausgewertet…</translation>
        </message>
        <message>
            <source>%1 has no GGUF tensor type (llama.cpp cannot load it): it is exported as fake-quant safetensors, dequantized values in the source's dtype.</source>
            <translation>%1 hat keinen GGUF-Tensortyp (llama.cpp kann ihn nicht laden): Es wird als Fake-Quant-Safetensors exportiert, dequantisierte Werte im Datentyp der Quelle.</translation>
        </message>
        <message>
            <source>The plan uses a type GGUF cannot store (%1): it is exported as fake-quant safetensors.</source>
            <translation>Der Plan nutzt einen Typ, den GGUF nicht speichern kann (%1): Er wird als Fake-Quant-Safetensors exportiert.</translation>
        </message>
        <message>
            <source>Measuring the KL of every tensor at every candidate format…</source>
            <translation>Die KL jedes Tensors wird in jedem Kandidatenformat gemessen…</translation>
        </message>
        <message>
            <source>Measuring the accuracy of the finished plan…</source>
            <translation>Die Genauigkeit des fertigen Plans wird gemessen…</translation>
        </message>
        <message>
            <source>Measuring speed…</source>
            <translation>Geschwindigkeit wird gemessen…</translation>
        </message>
        <message>
            <source>Measuring the speed of %1…</source>
            <translation>Geschwindigkeit von %1 wird gemessen…</translation>
        </message>
        <message>
            <source>%1-bit formats</source>
            <translation>%1-Bit-Formate</translation>
        </message>
        <message>
            <source>K-quant</source>
            <translation>K-Quant</translation>
        </message>
        <message>
            <source>legacy block</source>
            <translation>klassischer Block</translation>
        </message>
        <message>
            <source>non-linear levels</source>
            <translation>nichtlineare Stufen</translation>
        </message>
        <message>
            <source>lattice codebook</source>
            <translation>Gitter-Codebuch</translation>
        </message>
        <message>
            <source>ternary</source>
            <translation>ternär</translation>
        </message>
        <message>
            <source>microscaling FP4</source>
            <translation>Microscaling-FP4</translation>
        </message>
        <message>
            <source>%1 · %2 bits/weight</source>
            <translation>%1 · %2 Bit/Gewicht</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SizeTargetDialog</name>
        <message>
            <source>Importance matrix</source>
            <translation>Wichtigkeitsmatrix</translation>
        </message>
        <message>
            <source>Error feedback</source>
            <translation>Fehlerrückführung</translation>
        </message>
        <message>
            <source>Calibrated on %1 tokens sampled with seed %2, another stream than the evaluation's.</source>
            <translation>Kalibriert auf %1 mit Seed %2 gezogenen Token, einem anderen Strom als dem der Auswertung.</translation>
        </message>
        <message>
            <source>Calibrated on the text file %1, another stream than the evaluation's.</source>
            <translation>Kalibriert auf der Textdatei %1, einem anderen Strom als dem der Auswertung.</translation>
        </message>
        <message>
            <source>Calibrated on the token file %1, another stream than the evaluation's.</source>
            <translation>Kalibriert auf der Token-Datei %1, einem anderen Strom als dem der Auswertung.</translation>
        </message>
        <message>
            <source>Each candidate format minimises the importance-weighted error of every tensor.</source>
            <translation>Jedes Kandidatenformat minimiert den wichtigkeitsgewichteten Fehler jedes Tensors.</translation>
        </message>
        <message>
            <source>Each candidate format rounds every tensor by error feedback: the rounding error of each column is spread over the columns not yet rounded, so the layer's output changes least. Slower, and its memory grows with the square of each matrix's width: meant for small models.</source>
            <translation>Jedes Kandidatenformat rundet jeden Tensor mit Fehlerrückführung: der Rundungsfehler jeder Spalte wird auf die noch nicht gerundeten Spalten verteilt, sodass sich die Ausgabe der Schicht am wenigsten ändert. Langsamer, und der Speicher wächst mit dem Quadrat der Breite jeder Matrix: für kleine Modelle gedacht.</translation>
        </message>
        <message>
            <source>Rounding:</source>
            <translation>Rundung:</translation>
        </message>
        <message>
            <source>Smallest plan with these formats: %1 bits/weight (%2)</source>
            <translation>Kleinster Plan mit diesen Formaten: %1 Bit/Gewicht (%2)</translation>
        </message>
        <message>
            <source>Plan for Size</source>
            <translation>Plan für Zielgröße</translation>
        </message>
        <message>
            <source>Choose a format for every weight matrix so the model fits the target with the least KL divergence from the original: each tensor's KL is measured at every candidate format, then the upgrades that buy the most accuracy per byte are taken greedily.</source>
            <translation>Wählt für jede Gewichtsmatrix ein Format, sodass das Modell mit der kleinsten KL-Divergenz zum Original in die Zielgröße passt: Die KL jedes Tensors wird in jedem Kandidatenformat gemessen, dann werden gierig die Verbesserungen gewählt, die pro Byte am meisten Genauigkeit bringen.</translation>
        </message>
        <message>
            <source>bits per weight</source>
            <translation>Bit pro Gewicht</translation>
        </message>
        <message>
            <source>MB</source>
            <translation>MB</translation>
        </message>
        <message>
            <source>Target size:</source>
            <translation>Zielgröße:</translation>
        </message>
        <message>
            <source>Length of the evaluation stream sampled from the model (seed 1)</source>
            <translation>Länge des aus dem Modell gesampelten Auswertungsstroms (Seed 1)</translation>
        </message>
        <message>
            <source>or a token file ({"tokens": [...]})</source>
            <translation>oder eine Token-Datei ({"tokens": [...]})</translation>
        </message>
        <message>
            <source>Sampled tokens:</source>
            <translation>Gesampelte Tokens:</translation>
        </message>
        <message>
            <source>Candidate formats</source>
            <translation>Kandidatenformate</translation>
        </message>
        <message>
            <source>Compute and Apply to Plan</source>
            <translation>Berechnen und in den Plan übernehmen</translation>
        </message>
        <message>
            <source>Planning for a size needs a llama-family model (its forward pass measures the KL).</source>
            <translation>Die Planung für eine Zielgröße braucht ein Modell der Llama-Familie (sein Vorwärtsdurchlauf misst die KL).</translation>
        </message>
        <message>
            <source>%1 parameters, now %2 (%3 bits/weight); target about %4</source>
            <translation>%1 Parameter, jetzt %2 (%3 Bit/Gewicht); Ziel etwa %4</translation>
        </message>
        <message>
            <source>Choose at least one candidate format.</source>
            <translation>Wählen Sie mindestens ein Kandidatenformat.</translation>
        </message>
        <message>
            <source>Measuring the KL of every tensor at every candidate format…</source>
            <translation>Die KL jedes Tensors wird in jedem Kandidatenformat gemessen…</translation>
        </message>
        <message>
            <source>Cancelling…</source>
            <translation>Wird abgebrochen…</translation>
        </message>
        <message>
            <source>Cancelled; the plan is unchanged.</source>
            <translation>Abgebrochen; der Plan ist unverändert.</translation>
        </message>
        <message>
            <source>Cannot plan for this size: %1</source>
            <translation>Für diese Größe kann nicht geplant werden: %1</translation>
        </message>
        <message>
            <source>%1 (%2 bits/weight; target %3): KL %4, top-1 agreement %5 %</source>
            <translation>%1 (%2 Bit/Gewicht; Ziel %3): KL %4, Top-1-Übereinstimmung %5 %</translation>
        </message>
    </context>
    <context>
        <name>qs::ui::SensitivityView</name>
        <message>
            <source>Evaluation Tokens</source>
            <translation>Auswertungs-Tokens</translation>
        </message>
        <message>
            <source>Token files (*.json);;All files (*)</source>
            <translation>Token-Dateien (*.json);;Alle Dateien (*)</translation>
        </message>
        <message>
            <source>Precision:</source>
            <translation>Präzision:</translation>
        </message>
        <message>
            <source>The format (or preset) each tensor is quantized with, one at a time</source>
            <translation>Das Format (oder die Voreinstellung), mit dem jeweils ein Tensor quantisiert wird</translation>
        </message>
        <message>
            <source>By tensor</source>
            <translation>Pro Tensor</translation>
        </message>
        <message>
            <source>By layer</source>
            <translation>Pro Schicht</translation>
        </message>
        <message>
            <source>Quantize one tensor at a time, or all matrices of one layer at a time</source>
            <translation>Jeweils einen Tensor quantisieren oder jeweils alle Matrizen einer Schicht</translation>
        </message>
        <message>
            <source>Sampled tokens:</source>
            <translation>Gesampelte Tokens:</translation>
        </message>
        <message>
            <source>Length of the evaluation stream sampled from the model (seed 1); longer is more precise and slower</source>
            <translation>Länge des aus dem Modell gesampelten Auswertungsstroms (Seed 1); länger ist genauer und langsamer</translation>
        </message>
        <message>
            <source>or a token file ({"tokens": [...]})</source>
            <translation>oder eine Token-Datei ({"tokens": [...]})</translation>
        </message>
        <message>
            <source>Choose a token file</source>
            <translation>Token-Datei wählen</translation>
        </message>
        <message>
            <source>Compute</source>
            <translation>Berechnen</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Abbrechen</translation>
        </message>
        <message>
            <source>Open a model to measure how sensitive its tensors are to quantization.</source>
            <translation>Öffnen Sie ein Modell, um zu messen, wie empfindlich seine Tensoren auf Quantisierung reagieren.</translation>
        </message>
        <message>
            <source>Sensitivity needs a llama-family model: this model's forward pass cannot run here.</source>
            <translation>Die Empfindlichkeit braucht ein Modell der Llama-Familie: Der Vorwärtsdurchlauf dieses Modells kann hier nicht laufen.</translation>
        </message>
        <message>
            <source>Evaluating: the model runs once per tensor (or layer) over the stream…</source>
            <translation>Auswertung: Das Modell läuft einmal pro Tensor (oder Schicht) über den Strom…</translation>
        </message>
        <message>
            <source>the tokens of %1</source>
            <translation>den Tokens aus %1</translation>
        </message>
        <message>
            <source>KL divergence of the next-token distribution when only that tensor (or layer) is quantized, over %1. The same numbers as quantscope-cli compare --eval --sensitivity.</source>
            <translation>KL-Divergenz der Verteilung des nächsten Tokens, wenn nur dieser Tensor (oder diese Schicht) quantisiert ist, über %1. Dieselben Zahlen wie quantscope-cli compare --eval --sensitivity.</translation>
        </message>
        <message>
            <source>This model is large for the forward pass: the stream is kept short so the ranking finishes in reasonable time; lengthen it for steadier numbers.</source>
            <translation>Dieses Modell ist für den Vorwärtsdurchlauf groß: Der Strom ist kurz gehalten, damit die Rangfolge in vertretbarer Zeit fertig wird; verlängern Sie ihn für stabilere Zahlen.</translation>
        </message>
        <message>
            <source>No model</source>
            <translation>Kein Modell</translation>
        </message>
        <message>
            <source>Not a llama-family model</source>
            <translation>Kein Modell der Llama-Familie</translation>
        </message>
        <message>
            <source>Could not compute the sensitivity: %1</source>
            <translation>Die Empfindlichkeit konnte nicht berechnet werden: %1</translation>
        </message>
        <message>
            <source>Press Compute to rank the tensors</source>
            <translation>Klicken Sie auf „Berechnen“, um die Tensoren zu ordnen</translation>
        </message>
        <message>
            <source>%1 stores none of this model's tensors</source>
            <translation>%1 kann keinen Tensor dieses Modells speichern</translation>
        </message>
        <message>
            <source>Layer</source>
            <translation>Schicht</translation>
        </message>
        <message>
            <source>Tensor</source>
            <translation>Tensor</translation>
        </message>
        <message>
            <source>Mean KL divergence with only this layer at %1 (nats)</source>
            <translation>Mittlere KL-Divergenz, nur diese Schicht in %1 (nats)</translation>
        </message>
        <message>
            <source>Mean KL divergence with only this tensor at %1 (nats)</source>
            <translation>Mittlere KL-Divergenz, nur dieser Tensor in %1 (nats)</translation>
        </message>
        <message>
            <source>&lt;b&gt;%1&lt;/b&gt; at %2&lt;br&gt;KL divergence: %3 nats&lt;br&gt;Top-1 agreement: %4 %&lt;br&gt;Bytes saved: %5 (rank %6 of %7)</source>
            <translation>&lt;b&gt;%1&lt;/b&gt; in %2&lt;br&gt;KL-Divergenz: %3 nats&lt;br&gt;Top-1-Übereinstimmung: %4 %&lt;br&gt;Eingesparte Bytes: %5 (Rang %6 von %7)</translation>
        </message>
        <message numerus="yes">
            <source>%n token(s) sampled from the model (seed 1)</source>
            <translation>
                <numerusform>%n aus dem Modell gesampeltem Token (Seed 1)</numerusform>
                <numerusform>%n aus dem Modell gesampelten Tokens (Seed 1)</numerusform>
            </translation>
        </message>
        <message>
            <source>Importance matrix</source>
            <translation>Wichtigkeitsmatrix</translation>
        </message>
        <message>
            <source>Quantize with an importance matrix calibrated on %1 other tokens sampled with seed %2 (as --imatrix)</source>
            <translation>Mit einer Wichtigkeitsmatrix quantisieren, kalibriert auf %1 anderen Token, gezogen mit Seed %2 (wie --imatrix)</translation>
        </message>
    </context>
    <context>
        <name>qs::formats</name>
        <message>
            <source>32-bit IEEE float: the unquantized reference</source>
            <translation>32-Bit-IEEE-Gleitkommazahl: die unquantisierte Referenz</translation>
        </message>
        <message>
            <source>16-bit IEEE half float</source>
            <translation>16-Bit-IEEE-Gleitkommazahl (halbe Genauigkeit)</translation>
        </message>
        <message>
            <source>bfloat16: float32's range with an 8-bit mantissa</source>
            <translation>bfloat16: der Wertebereich von float32 mit einer 8-Bit-Mantisse</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, asymmetrisch [0, %2] mit einem %1-Bit-Nullpunkt, eine fp32-Skala pro Tensor; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, asymmetrisch [0, %2] mit einem %1-Bit-Nullpunkt, eine fp16-Skala pro Zeile; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with a %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, asymmetrisch [0, %2] mit einem %1-Bit-Nullpunkt, eine fp16-Skala pro %3 Gewichte; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, symmetrisch [-%2, %2], eine fp32-Skala pro Tensor; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, symmetrisch [-%2, %2], eine fp16-Skala pro Zeile; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>%1-bit uniform, symmetric [-%2, %2], one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, symmetrisch [-%2, %2], eine fp16-Skala pro %3 Gewichte; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp32 scale per tensor; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, asymmetrisch [0, %2] mit einem %1-Bit-Nullpunkt, eine fp32-Skala pro Tensor; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per row; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, asymmetrisch [0, %2] mit einem %1-Bit-Nullpunkt, eine fp16-Skala pro Zeile; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>%1-bit uniform, asymmetric [0, %2] with an %1-bit zero point, one fp16 scale per %3 weights; min/max mapping, importance ignored</source>
            <translation>%1 Bit uniform, asymmetrisch [0, %2] mit einem %1-Bit-Nullpunkt, eine fp16-Skala pro %3 Gewichte; Min/Max-Abbildung, Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>llama.cpp IQ4_NL: 32-weight blocks, fp16 scale, 4-bit non-linear levels (4.5 bits/weight)</source>
            <translation>llama.cpp IQ4_NL: Blöcke zu 32 Gewichten, fp16-Skala, nichtlineare 4-Bit-Stufen (4,5 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>4-bit NormalFloat (bitsandbytes levels), fp32 absmax per 64 weights; importance ignored</source>
            <translation>4-Bit-NormalFloat (Stufen von bitsandbytes), fp32-Absolutmaximum pro 64 Gewichte; Importance-Gewichte werden ignoriert</translation>
        </message>
        <message>
            <source>llama.cpp 2-bit K-quant: 256-weight super-blocks, 4-bit scale+min per 16 (2.63 bpw)</source>
            <translation>llama.cpp-2-Bit-K-Quant: Superblöcke zu 256 Gewichten, 4-Bit-Skala und -Minimum pro 16 (2,63 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp 3-bit K-quant: 256-weight super-blocks, 6-bit scales per 16 (3.44 bpw)</source>
            <translation>llama.cpp-3-Bit-K-Quant: Superblöcke zu 256 Gewichten, 6-Bit-Skalen pro 16 (3,44 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp Q4_0: 32-weight blocks, fp16 scale, 4-bit levels (4.5 bits/weight)</source>
            <translation>llama.cpp Q4_0: Blöcke zu 32 Gewichten, fp16-Skala, 4-Bit-Stufen (4,5 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp Q4_1: 32-weight blocks, fp16 scale and min, 4-bit levels (5 bits/weight)</source>
            <translation>llama.cpp Q4_1: Blöcke zu 32 Gewichten, fp16-Skala und -Minimum, 4-Bit-Stufen (5 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp 4-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (4.5 bpw)</source>
            <translation>llama.cpp-4-Bit-K-Quant: Superblöcke zu 256 Gewichten, 6-Bit-Skala und -Minimum pro 32 (4,5 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp Q5_0: 32-weight blocks, fp16 scale, 5-bit levels (5.5 bits/weight)</source>
            <translation>llama.cpp Q5_0: Blöcke zu 32 Gewichten, fp16-Skala, 5-Bit-Stufen (5,5 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp Q5_1: 32-weight blocks, fp16 scale and min, 5-bit levels (6 bits/weight)</source>
            <translation>llama.cpp Q5_1: Blöcke zu 32 Gewichten, fp16-Skala und -Minimum, 5-Bit-Stufen (6 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp 5-bit K-quant: 256-weight super-blocks, 6-bit scale+min per 32 (5.5 bpw)</source>
            <translation>llama.cpp-5-Bit-K-Quant: Superblöcke zu 256 Gewichten, 6-Bit-Skala und -Minimum pro 32 (5,5 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp 6-bit K-quant: 256-weight super-blocks, 8-bit scales per 16 (6.56 bpw)</source>
            <translation>llama.cpp-6-Bit-K-Quant: Superblöcke zu 256 Gewichten, 8-Bit-Skalen pro 16 (6,56 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp Q8_0: 32-weight blocks, fp16 scale, int8 levels (8.5 bits/weight)</source>
            <translation>llama.cpp Q8_0: Blöcke zu 32 Gewichten, fp16-Skala, int8-Stufen (8,5 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>MXFP4 (OCP microscaling): 32-weight blocks, power-of-two scale, 4-bit E2M1 floats (4.25 bits/weight)</source>
            <translation>MXFP4 (OCP-Microscaling): Blöcke zu 32 Gewichten, Zweierpotenz-Skala, 4-Bit-E2M1-Gleitkommazahlen (4,25 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp TQ2_0: 256-weight blocks, fp16 scale, 2-bit levels -1..2 (2.06 bits/weight; ternary models)</source>
            <translation>llama.cpp TQ2_0: Blöcke zu 256 Gewichten, fp16-Skala, 2-Bit-Stufen -1..2 (2,06 Bit/Gewicht; ternäre Modelle)</translation>
        </message>
        <message>
            <source>llama.cpp TQ1_0: 256-weight blocks, fp16 scale, ternary levels packed 5 per byte (1.69 bits/weight)</source>
            <translation>llama.cpp TQ1_0: Blöcke zu 256 Gewichten, fp16-Skala, ternäre Stufen, 5 pro Byte gepackt (1,69 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp IQ4_XS: 256-weight super-blocks, 6-bit scales per 32, 4-bit non-linear levels (4.25 bits/weight)</source>
            <translation>llama.cpp IQ4_XS: Superblöcke zu 256 Gewichten, 6-Bit-Skalen pro 32, nichtlineare 4-Bit-Stufen (4,25 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_XS: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 512-point lattice and signs (2.31 bits/weight)</source>
            <translation>llama.cpp IQ2_XS: Superblöcke zu 256 Gewichten, 4-Bit-Skalen pro 16, 8-Gewichte-Punkte eines Gitters mit 512 Punkten und Vorzeichen (2,31 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_S: 256-weight super-blocks, 4-bit scales per 16, 8-weight points of a 1024-point lattice and a sign per weight (2.56 bits/weight)</source>
            <translation>llama.cpp IQ2_S: Superblöcke zu 256 Gewichten, 4-Bit-Skalen pro 16, 8-Gewichte-Punkte eines Gitters mit 1024 Punkten und ein Vorzeichen je Gewicht (2,56 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp IQ1_S: 256-weight super-blocks, 3-bit scales and a ±1/8 shift per 32, 8-weight points of a 2048-point ternary lattice (1.56 bits/weight)</source>
            <translation>llama.cpp IQ1_S: Superblöcke zu 256 Gewichten, 3-Bit-Skalen und eine Verschiebung um ±1/8 pro 32, 8-Gewichte-Punkte eines ternären Gitters mit 2048 Punkten (1,56 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp IQ1_M: 256-weight super-blocks, 3-bit scales per 16, a ±1/8 shift per 8, 8-weight points of a 2048-point ternary lattice (1.75 bits/weight)</source>
            <translation>llama.cpp IQ1_M: Superblöcke zu 256 Gewichten, 3-Bit-Skalen pro 16, eine Verschiebung um ±1/8 pro 8, 8-Gewichte-Punkte eines ternären Gitters mit 2048 Punkten (1,75 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp IQ2_XXS: 256-weight super-blocks, 4-bit scales per 32, 8-weight lattice points and signs (2.06 bits/weight)</source>
            <translation>llama.cpp IQ2_XXS: Superblöcke zu 256 Gewichten, 4-Bit-Skalen pro 32, Gitterpunkte zu 8 Gewichten und Vorzeichen (2,06 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp IQ3_S: 256-weight super-blocks, 4-bit scales per 32, 4-weight points of a 512-point lattice and a sign per weight (3.44 bits/weight)</source>
            <translation>llama.cpp IQ3_S: Superblöcke zu 256 Gewichten, 4-Bit-Skalen pro 32, 4-Gewichte-Punkte eines Gitters mit 512 Punkten und ein Vorzeichen je Gewicht (3,44 Bit/Gewicht)</translation>
        </message>
        <message>
            <source>llama.cpp IQ3_XXS: 256-weight super-blocks, 4-bit scales per 32, 4-weight lattice points and signs (3.06 bits/weight)</source>
            <translation>llama.cpp IQ3_XXS: Superblöcke zu 256 Gewichten, 4-Bit-Skalen pro 32, Gitterpunkte zu 4 Gewichten und Vorzeichen (3,06 Bit/Gewicht)</translation>
        </message>
    </context>
</TS>
