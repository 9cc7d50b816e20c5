<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutBox</name>
    <message>
        <source>PULC Studio %1</source>
        <translation>PULC Studio %1</translation>
    </message>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1（编译时版本 %2）</translation>
    </message>
    <message>
        <source>LibTorch %1</source>
        <translation>LibTorch %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>OpenCV %1</source>
        <translation>OpenCV %1</translation>
    </message>
    <message>
        <source>PULC Studio</source>
        <translation>PULC Studio</translation>
    </message>
    <message>
        <source>Train small, fast image classifiers (PP-LCNet / PULC) for one real scene on your own CPU: import and label images, train, evaluate, test and export.</source>
        <translation>在自己的 CPU 上为一个真实场景训练小巧、快速的图像分类器（PP-LCNet / PULC）：导入并标注图像，训练、评估、测试和导出。</translation>
    </message>
    <message>
        <source>About PULC Studio</source>
        <translation>关于 PULC Studio</translation>
    </message>
</context>
<context>
    <name>EditCommands</name>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no split</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Label %n image(s) “%1”</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add “%1” to %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove “%1” from %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the labels of %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n image(s) to %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n image(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Add class “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename class “%1” to “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the colour of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete class “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reorder classes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImportText</name>
    <message>
        <source>Automatic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder per class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PaddleClas list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlabeled folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IDX (MNIST)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 1 of 3: reading the source (%1 files found)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 2 of 3: checking images, %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step 3 of 3: writing to the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import cancelled: %1 images from the sources finished before were added; nothing from the cancelled sources.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import failed: nothing was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 images; %2 of %3 sources failed and added nothing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported %1 images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Cancelled: nothing from this source was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Nothing from this source was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Format: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Imported: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Already in the project: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  New classes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Skipped: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Identical images (groups): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Conflicts, the same image with different labels: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  Leakage, the same image in two splits: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the report to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProjectSession</name>
    <message>
        <source>A class name cannot be empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A class named “%1” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TaskTypeText</name>
    <message>
        <source>Single-label</source>
        <translation>单标签</translation>
    </message>
    <message>
        <source>Multi-label (attributes)</source>
        <translation>多标签（属性）</translation>
    </message>
    <message>
        <source>Binary</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>Single-label classification: one class per image</source>
        <translation>单标签分类：每张图像属于一个类别</translation>
    </message>
    <message>
        <source>Multi-label classification: any number of attributes per image</source>
        <translation>多标签分类：每张图像可有任意多个属性</translation>
    </message>
    <message>
        <source>Binary classification</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>Binary classification, positive class &quot;%1&quot;</source>
        <translation>二分类，正类为“%1”</translation>
    </message>
</context>
<context>
    <name>WarningText</name>
    <message>
        <source>Class “%1” has no images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class “%1” has only %2 training images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes are imbalanced: the largest has %1 images, the smallest %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images appear in more than one split (leakage).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images carry different labels in different copies (conflict).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 groups of identical images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No validation images: split the dataset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images are missing or corrupt.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::AttributePanel</name>
    <message>
        <source>Attributes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key %1 toggles “%2” on the selected images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select images to edit their attributes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 image selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images selected</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::ClassBalanceChart</name>
    <message>
        <source>Train</source>
        <translation type="unfinished">训练</translation>
    </message>
    <message>
        <source>Val</source>
        <translation type="unfinished">验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished">测试</translation>
    </message>
    <message>
        <source>No split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished">图像数</translation>
    </message>
    <message>
        <source>Click a bar to show those images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2: %3 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click to show these images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::ClassPanel</name>
    <message>
        <source>Click a class to show its images. Drag images here to label them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change the colour of the selected class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected class up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move the selected class down</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Into…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move every image of the selected class to another class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected class and its labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Classes</source>
        <translation type="unfinished">类别</translation>
    </message>
    <message>
        <source>Add Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name of “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colour of “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the class “%1”? %2 images lose this label; the images stay in the project. Edit &gt; Undo brings the class back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merge Classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move every image of “%1” to this class, then delete “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::ClassTableModel</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Val</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Press %1 to label the selected images “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labeling key: press it to give the selected images this class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::DataPage</name>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>A project is a folder that holds your labelled images and the models trained on them. Start with the demo project to look around, or open or create your own.</source>
        <translation>项目是一个文件夹，存放已标注的图像以及用它们训练出的模型。可以先用演示项目熟悉一下，也可以打开或新建自己的项目。</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>正在计算统计信息…</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Classes: %1</source>
        <translation>类别：%1</translation>
    </message>
    <message>
        <source>Images: %1 (%2 labelled, %3 unlabelled)</source>
        <translation>图像：%1（已标注 %2，未标注 %3）</translation>
    </message>
    <message>
        <source>Train %1 · Val %2 · Test %3 · Unassigned %4</source>
        <translation>训练 %1 · 验证 %2 · 测试 %3 · 未分配 %4</translation>
    </message>
    <message>
        <source>Missing %1 · Corrupt %2 · Removed %3</source>
        <translation>缺失 %1 · 损坏 %2 · 已移除 %3</translation>
    </message>
    <message>
        <source>No problems found.</source>
        <translation>未发现问题。</translation>
    </message>
    <message>
        <source>Class Balance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::ImportDialog</name>
    <message>
        <source>Import Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">取消</translation>
    </message>
    <message>
        <source>Save Report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Options for the selected source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional: a text file with “id name” on each line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished">浏览…</translation>
    </message>
    <message>
        <source>Default: the folder of the list file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>As the source says</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All into %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the images into the project folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Without copying, the project refers to the images where they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class &amp;map:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Root folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Split:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each source is imported all or nothing: Cancel adds nothing from the source being imported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detecting the format…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The format could not be detected: %1 Choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder or a file to import: a folder per class, a PaddleClas list, a CSV file, a folder of unlabeled images or MNIST IDX files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot be imported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 images to add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a folder or a file to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the sources…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the sources that cannot be imported, or change their options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A binary project has two classes; this import would give it %1 (new: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing new to import: every image found is already in the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: %1 images will be checked and added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: %1 images from %2 sources will be checked and added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class Map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root Folder of the Paths</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists and IDX files (*.txt *.csv *.list *.lst *-ubyte *-ubyte.gz);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Source %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Import Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text (*.txt);;JSON (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::ImportPreviewView</name>
    <message>
        <source>What the import will do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class</source>
        <translation type="unfinished">类别</translation>
    </message>
    <message>
        <source>Images</source>
        <translation type="unfinished">图像数</translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">训练</translation>
    </message>
    <message>
        <source>Val</source>
        <translation type="unfinished">验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished">测试</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation type="unfinished">未分配</translation>
    </message>
    <message>
        <source>Line or file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This source cannot be imported with these options: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 images found&lt;/b&gt;, read as: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 are already in the project and will be left as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 will be checked and added: %2 labeled, %3 unlabeled; %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of them are also in a source above, which imports them first with its labels: here they will count as already in the project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New classes: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image files are read when you click Import; unreadable ones are skipped and listed in the report.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 entries of the source are refused and will be skipped:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::ImportReportView</name>
    <message>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 Nothing from this source was added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported: %1 · Already in the project: %2 · Skipped: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• %1: cancelled, nothing added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>• %1: %2 imported, %3 already in the project, %4 skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New classes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the conflicts (the same image with different labels) and the leakage (the same image in two splits) before training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skipped (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Identical images (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leakage (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::MainWindow</name>
    <message>
        <source>Reading the project…</source>
        <translation>正在读取项目…</translation>
    </message>
    <message>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Could not open the project in %1.</source>
        <translation>无法打开 %1 中的项目。</translation>
    </message>
    <message>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <source>Create an empty project in a folder</source>
        <translation>在文件夹中新建一个空项目</translation>
    </message>
    <message>
        <source>&amp;Open Project…</source>
        <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a project folder or its project.pulc file</source>
        <translation>打开项目文件夹或其中的 project.pulc 文件</translation>
    </message>
    <message>
        <source>Create &amp;Demo Project…</source>
        <translation>创建演示项目(&amp;D)…</translation>
    </message>
    <message>
        <source>Create a project with Fashion-MNIST images to try things out</source>
        <translation>用 Fashion-MNIST 图像创建一个项目，方便上手试用</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About PULC Studio</source>
        <translation>关于 PULC Studio(&amp;A)</translation>
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
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Train a PP-LCNet / PULC classifier on the CPU, with augmentation and knowledge distillation, and watch the loss and accuracy curves live.</source>
        <translation>在 CPU 上训练 PP-LCNet / PULC 分类器，支持数据增强和知识蒸馏，并实时查看损失和准确率曲线。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>See the confusion matrix, precision and recall per class, and the images the model gets wrong.</source>
        <translation>查看混淆矩阵、各类别的精确率和召回率，以及模型判断错误的图像。</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Drop images or a folder to see what the model predicts.</source>
        <translation>拖入图像或文件夹，查看模型的预测结果。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export the trained model for deployment, with example code to run it.</source>
        <translation>导出训练好的模型用于部署，并附带运行示例代码。</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The demo project is still being created. Stop and quit?</source>
        <translation>演示项目仍在创建中。要停止并退出吗？</translation>
    </message>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Could not create the project in %1.</source>
        <translation>无法在 %1 中创建项目。</translation>
    </message>
    <message>
        <source>PULC projects (project.pulc);;All files (*)</source>
        <translation>PULC 项目 (project.pulc);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Folder for the Demo Project</source>
        <translation>演示项目的文件夹</translation>
    </message>
    <message>
        <source>Writing images</source>
        <translation>正在写入图像</translation>
    </message>
    <message>
        <source>Reading Fashion-MNIST</source>
        <translation>正在读取 Fashion-MNIST</translation>
    </message>
    <message>
        <source>Checking images</source>
        <translation>正在检查图像</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1：%2 / %3</translation>
    </message>
    <message>
        <source>Create Demo Project</source>
        <translation>创建演示项目</translation>
    </message>
    <message>
        <source>Creating the demo project in %1…</source>
        <translation>正在 %1 中创建演示项目…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Demo project cancelled.</source>
        <translation>已取消创建演示项目。</translation>
    </message>
    <message>
        <source>Could not create the demo project.</source>
        <translation>无法创建演示项目。</translation>
    </message>
    <message>
        <source>No recent projects</source>
        <translation>没有最近打开的项目</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>清空列表(&amp;C)</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>%1 images · %2 classes · train %3 · val %4 · test %5</source>
        <translation>%1 张图像 · %2 个类别 · 训练 %3 · 验证 %4 · 测试 %5</translation>
    </message>
    <message>
        <source>%1 — PULC Studio</source>
        <translation>%1 — PULC Studio</translation>
    </message>
    <message>
        <source>PULC Studio</source>
        <translation>PULC Studio</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a folder of images: a folder per class, or unlabeled images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import &amp;List or CSV File…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import images named in a PaddleClas list or a CSV file, or single images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Importing is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project is open: create or open one to import into.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No project is open. Images are imported into a project.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Create a new project for the %n dropped item(s), or open an existing one?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Import Images from a Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a List, CSV File or Images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lists and CSV files (*.txt *.csv *.tsv);;Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language is used when PULC Studio starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit Not Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An edit could not be written to the project. The project was read again from its file, so what you see is what is stored; the undo history was cleared.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::NewProjectDialog</name>
    <message>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>An empty or new folder</source>
        <translation>空文件夹或新文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Defaults to the folder name</source>
        <translation>默认为文件夹名称</translation>
    </message>
    <message>
        <source>e.g. defect</source>
        <translation>例如：defect</translation>
    </message>
    <message>
        <source>&amp;Positive class:</source>
        <translation>正类(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Folder for the New Project</source>
        <translation>新项目的文件夹</translation>
    </message>
    <message>
        <source>Choose a folder for the project.</source>
        <translation>请为项目选择一个文件夹。</translation>
    </message>
    <message>
        <source>This folder already holds a project; use File &gt; Open Project instead.</source>
        <translation>该文件夹中已有项目，请改用“文件 &gt; 打开项目”。</translation>
    </message>
    <message>
        <source>Name the positive class of the binary task.</source>
        <translation>请填写二分类任务的正类名称。</translation>
    </message>
</context>
<context>
    <name>pulc::ui::PlaceholderPage</name>
    <message>
        <source>Coming in a later version.</source>
        <translation>将在后续版本中提供。</translation>
    </message>
</context>
<context>
    <name>pulc::ui::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Small</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move to the next unlabeled image after labeling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language is used when PULC Studio starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Thumbnail size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labeling:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">取消</translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleBrowser</name>
    <message>
        <source>Auto-advance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a labeling key, select the next unlabeled image (single-label and binary projects)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keys 1-9, 0 label the selection · Enter opens · Del removes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · %1 selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle Attribute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished">测试</translation>
    </message>
    <message>
        <source>No Split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore to Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in File Manager</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleDelegate</name>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>val</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>conflict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>leakage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleFilterBar</name>
    <message>
        <source>Show the images of one class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All splits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train</source>
        <translation type="unfinished">训练</translation>
    </message>
    <message>
        <source>Val</source>
        <translation type="unfinished">验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished">测试</translation>
    </message>
    <message>
        <source>No split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show the images of one split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrupt images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label conflicts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Split leakage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show images with a problem, or the removed ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by path…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by date added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sort by class</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleGridModel</name>
    <message>
        <source>File not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrupt or unsupported image data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image too large to show (%1 pixels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File too large to show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show this image: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same image as another sample with different labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same image as another sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The same image is in another split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed from the dataset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleGridView</name>
    <message>
        <source>1 image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleViewer</name>
    <message>
        <source>Train</source>
        <translation type="unfinished">训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test</source>
        <translation type="unfinished">测试</translation>
    </message>
    <message>
        <source>No split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>←/→ move · 1-9, 0 label · Esc close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show this image: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;i&gt;Unlabeled&lt;/i&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2 pixels · %3 · %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · file not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · corrupt image data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · same image as another sample with different labels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · same image as another sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · also in another split</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · removed from the dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 of %2 in the grid</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No longer in the grid&apos;s filter</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
