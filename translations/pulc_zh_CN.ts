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
        <translation>训练集</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>no split</source>
        <translation>未分配</translation>
    </message>
    <message numerus="yes">
        <source>Label %n image(s) “%1”</source>
        <translation>
            <numerusform>为 %n 张图像标注“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add “%1” to %n image(s)</source>
        <translation>
            <numerusform>为 %n 张图像添加“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove “%1” from %n image(s)</source>
        <translation>
            <numerusform>从 %n 张图像移除“%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the labels of %n image(s)</source>
        <translation>
            <numerusform>清除 %n 张图像的标签</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n image(s) to %1</source>
        <translation>
            <numerusform>将 %n 张图像移至%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n image(s)</source>
        <translation>
            <numerusform>移除 %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n image(s)</source>
        <translation>
            <numerusform>恢复 %n 张图像</numerusform>
        </translation>
    </message>
    <message>
        <source>Add class “%1”</source>
        <translation>添加类别“%1”</translation>
    </message>
    <message>
        <source>Rename class “%1” to “%2”</source>
        <translation>将类别“%1”重命名为“%2”</translation>
    </message>
    <message>
        <source>Change the color of “%1”</source>
        <translation>更改“%1”的颜色</translation>
    </message>
    <message>
        <source>Delete class “%1”</source>
        <translation>删除类别“%1”</translation>
    </message>
    <message>
        <source>Merge “%1” into “%2”</source>
        <translation>将“%1”合并到“%2”</translation>
    </message>
    <message>
        <source>Reorder classes</source>
        <translation>调整类别顺序</translation>
    </message>
</context>
<context>
    <name>ImportText</name>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Folder per class</source>
        <translation>每类一个文件夹</translation>
    </message>
    <message>
        <source>PaddleClas list</source>
        <translation>PaddleClas 列表</translation>
    </message>
    <message>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <source>Unlabeled folder</source>
        <translation>未标注文件夹</translation>
    </message>
    <message>
        <source>IDX (MNIST)</source>
        <translation>IDX (MNIST)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>val</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>unassigned</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Step 1 of 3: reading the source (%1 files found)</source>
        <translation>第 1/3 步：读取来源（已找到 %1 个文件）</translation>
    </message>
    <message>
        <source>Step 2 of 3: checking images, %1 of %2</source>
        <translation>第 2/3 步：检查图像，%1 / %2</translation>
    </message>
    <message>
        <source>Step 3 of 3: writing to the project</source>
        <translation>第 3/3 步：写入项目</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Import cancelled: nothing was added.</source>
        <translation>导入已取消：未添加任何内容。</translation>
    </message>
    <message>
        <source>Import cancelled: %1 images from the sources finished before were added; nothing from the cancelled sources.</source>
        <translation>导入已取消：已添加此前完成的来源中的 %1 张图像；已取消的来源未添加任何内容。</translation>
    </message>
    <message>
        <source>Import failed: nothing was added.</source>
        <translation>导入失败：未添加任何内容。</translation>
    </message>
    <message>
        <source>Imported %1 images; %2 of %3 sources failed and added nothing.</source>
        <translation>已导入 %1 张图像；%3 个来源中有 %2 个失败，未添加任何内容。</translation>
    </message>
    <message>
        <source>Imported %1 images.</source>
        <translation>已导入 %1 张图像。</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
    <message>
        <source>  Cancelled: nothing from this source was added.</source>
        <translation>  已取消：未从此来源添加任何内容。</translation>
    </message>
    <message>
        <source>  Error: %1</source>
        <translation>  错误：%1</translation>
    </message>
    <message>
        <source>  Nothing from this source was added.</source>
        <translation>  未从此来源添加任何内容。</translation>
    </message>
    <message>
        <source>  Format: %1</source>
        <translation>  格式：%1</translation>
    </message>
    <message>
        <source>  Imported: %1</source>
        <translation>  已导入：%1</translation>
    </message>
    <message>
        <source>  Already in the project: %1</source>
        <translation>  已在项目中：%1</translation>
    </message>
    <message>
        <source>  New classes: %1</source>
        <translation>  新类别：%1</translation>
    </message>
    <message>
        <source>  Skipped: %1</source>
        <translation>  已跳过：%1</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>  Identical images (groups): %1</source>
        <translation>  相同图像（组）：%1</translation>
    </message>
    <message>
        <source>  Conflicts, the same image with different labels: %1</source>
        <translation>  冲突（同一图像标签不同）：%1</translation>
    </message>
    <message>
        <source>  Leakage, the same image in two splits: %1</source>
        <translation>  泄漏（同一图像位于两个划分）：%1</translation>
    </message>
    <message>
        <source>Cannot save the report to %1: %2</source>
        <translation>无法将报告保存到 %1：%2</translation>
    </message>
</context>
<context>
    <name>ProjectSession</name>
    <message>
        <source>A class name cannot be empty.</source>
        <translation>类别名称不能为空。</translation>
    </message>
    <message>
        <source>A class named “%1” already exists.</source>
        <translation>已存在名为“%1”的类别。</translation>
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
        <translation>类别“%1”没有图像。</translation>
    </message>
    <message numerus="yes">
        <source>Class “%1” has only %Ln training image(s).</source>
        <translation>
            <numerusform>类别“%1”只有 %Ln 张训练图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>Classes are imbalanced: the largest has %1 images, the smallest %2.</source>
        <translation>类别不均衡：最多的有 %1 张图像，最少的只有 %2 张。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) appear in more than one split (leakage).</source>
        <translation>
            <numerusform>%Ln 张图像出现在多个划分中（泄漏）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) carry different labels in different copies (conflict).</source>
        <translation>
            <numerusform>%Ln 张图像的不同副本带有不同标签（冲突）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s) of identical images.</source>
        <translation>
            <numerusform>%Ln 组相同图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>No validation images: split the dataset.</source>
        <translation>没有验证图像：请划分数据集。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) are missing or corrupt.</source>
        <translation>
            <numerusform>%Ln 张图像缺失或已损坏。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulc::ui::AttributePanel</name>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Key %1 toggles “%2” on the selected images</source>
        <translation>按键 %1 可切换所选图像的“%2”属性</translation>
    </message>
    <message>
        <source>Select images to edit their attributes.</source>
        <translation>选择图像以编辑其属性。</translation>
    </message>
    <message>
        <source>1 image selected</source>
        <translation>已选择 1 张图像</translation>
    </message>
    <message>
        <source>%1 images selected</source>
        <translation>已选择 %1 张图像</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ClassBalanceChart</name>
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
        <source>No split</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Click a bar to show those images</source>
        <translation>点击柱条以显示对应图像</translation>
    </message>
    <message>
        <source>%1 · %2: %3 images</source>
        <translation>%1 · %2：%3 张图像</translation>
    </message>
    <message>
        <source>Click to show these images</source>
        <translation>点击以显示这些图像</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ClassPanel</name>
    <message>
        <source>Click a class to show its images. Drag images here to label them.</source>
        <translation>点击类别以显示其图像。将图像拖到这里即可标注。</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <source>Add a class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <source>Rename the selected class</source>
        <translation>重命名所选类别</translation>
    </message>
    <message>
        <source>Color…</source>
        <translation>颜色…</translation>
    </message>
    <message>
        <source>Change the color of the selected class</source>
        <translation>更改所选类别的颜色</translation>
    </message>
    <message>
        <source>Move Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move the selected class up</source>
        <translation>上移所选类别</translation>
    </message>
    <message>
        <source>Move Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>Move the selected class down</source>
        <translation>下移所选类别</translation>
    </message>
    <message>
        <source>Merge Into…</source>
        <translation>合并到…</translation>
    </message>
    <message>
        <source>Move every image of the selected class to another class</source>
        <translation>将所选类别的所有图像移到另一个类别</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Delete the selected class and its labels</source>
        <translation>删除所选类别及其标签</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Add Class</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <source>Name of the new class:</source>
        <translation>新类别的名称：</translation>
    </message>
    <message>
        <source>Rename Class</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <source>New name of “%1”:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <source>Color of “%1”</source>
        <translation>“%1”的颜色</translation>
    </message>
    <message>
        <source>Delete Class</source>
        <translation>删除类别</translation>
    </message>
    <message>
        <source>Delete the class “%1”? %2 images lose this label; the images stay in the project. Edit &gt; Undo brings the class back.</source>
        <translation>要删除类别“%1”吗？%2 张图像将失去此标签，图像仍保留在项目中。可用“编辑 &gt; 撤销”恢复该类别。</translation>
    </message>
    <message>
        <source>Merge Classes</source>
        <translation>合并类别</translation>
    </message>
    <message>
        <source>Move every image of “%1” to this class, then delete “%1”:</source>
        <translation>将“%1”的所有图像移到此类别，然后删除“%1”：</translation>
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
        <translation>按 %1 将所选图像标注为“%2”</translation>
    </message>
    <message>
        <source>Labeling key: press it to give the selected images this class</source>
        <translation>标注快捷键：按下即可将所选图像标为此类别</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
</context>
<context>
    <name>pulc::ui::DataPage</name>
    <message>
        <source>No project open</source>
        <translation>未打开项目</translation>
    </message>
    <message>
        <source>A project is a folder that holds your labeled images and the models trained on them. Start with the demo project to look around, or open or create your own.</source>
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
        <source>Images: %1 (%2 labeled, %3 unlabeled)</source>
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
        <translation>类别分布</translation>
    </message>
    <message>
        <source>Warnings (%1)</source>
        <translation>警告（%1）</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ImportDialog</name>
    <message>
        <source>Import Images</source>
        <translation>导入图像</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save Report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Add Folder…</source>
        <translation>添加文件夹…</translation>
    </message>
    <message>
        <source>Add Files…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Options for the selected source</source>
        <translation>所选来源的选项</translation>
    </message>
    <message>
        <source>Optional: a text file with “id name” on each line</source>
        <translation>可选：每行为“编号 名称”的文本文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Default: the folder of the list file</source>
        <translation>默认：列表文件所在的文件夹</translation>
    </message>
    <message>
        <source>As the source says</source>
        <translation>按来源中的划分</translation>
    </message>
    <message>
        <source>All into %1</source>
        <translation>全部归入%1</translation>
    </message>
    <message>
        <source>Copy the images into the project folder</source>
        <translation>将图像复制到项目文件夹</translation>
    </message>
    <message>
        <source>Without copying, the project refers to the images where they are.</source>
        <translation>不复制时，项目直接引用图像的原始位置。</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>格式(&amp;F)：</translation>
    </message>
    <message>
        <source>Class &amp;map:</source>
        <translation>类别映射(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Root folder:</source>
        <translation>根文件夹(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Split:</source>
        <translation>划分(&amp;S)：</translation>
    </message>
    <message>
        <source>Each source is imported all or nothing: Cancel adds nothing from the source being imported.</source>
        <translation>每个来源要么全部导入，要么不导入：取消时，正在导入的来源不会添加任何内容。</translation>
    </message>
    <message>
        <source>Automatic: %1</source>
        <translation>自动：%1</translation>
    </message>
    <message>
        <source>Detecting the format…</source>
        <translation>正在检测格式…</translation>
    </message>
    <message>
        <source>The format could not be detected: %1 Choose one.</source>
        <translation>无法检测格式：%1 请选择一种格式。</translation>
    </message>
    <message>
        <source>Detected: %1</source>
        <translation>已检测到：%1</translation>
    </message>
    <message>
        <source>Add a folder or a file to import: a folder per class, a PaddleClas list, a CSV file, a folder of unlabeled images or MNIST IDX files.</source>
        <translation>添加要导入的文件夹或文件：每类一个文件夹、PaddleClas 列表、CSV 文件、未标注图像文件夹或 MNIST IDX 文件。</translation>
    </message>
    <message>
        <source>Reading the source…</source>
        <translation>正在读取来源…</translation>
    </message>
    <message>
        <source>reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>cannot be imported</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <source>%1, %2 images to add</source>
        <translation>%1，将添加 %2 张图像</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>请先打开或新建项目。</translation>
    </message>
    <message>
        <source>Add a folder or a file to import.</source>
        <translation>请添加要导入的文件夹或文件。</translation>
    </message>
    <message>
        <source>Reading the sources…</source>
        <translation>正在读取来源…</translation>
    </message>
    <message>
        <source>Remove the sources that cannot be imported, or change their options.</source>
        <translation>请移除无法导入的来源，或更改其选项。</translation>
    </message>
    <message>
        <source>A binary project has two classes; this import would give it %1 (new: %2).</source>
        <translation>二分类项目只有两个类别；此次导入会使其变为 %1 个（新增：%2）。</translation>
    </message>
    <message>
        <source>There is nothing new to import: every image found is already in the project.</source>
        <translation>没有可导入的新内容：找到的所有图像都已在项目中。</translation>
    </message>
    <message>
        <source>Ready: %1 images will be checked and added.</source>
        <translation>就绪：将检查并添加 %1 张图像。</translation>
    </message>
    <message>
        <source>Ready: %1 images from %2 sources will be checked and added.</source>
        <translation>就绪：将检查并添加来自 %2 个来源的 %1 张图像。</translation>
    </message>
    <message>
        <source>Class Map</source>
        <translation>类别映射</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Root Folder of the Paths</source>
        <translation>路径的根文件夹</translation>
    </message>
    <message>
        <source>Import a Folder</source>
        <translation>导入文件夹</translation>
    </message>
    <message>
        <source>Import Files</source>
        <translation>导入文件</translation>
    </message>
    <message>
        <source>Lists and IDX files (*.txt *.csv *.list *.lst *-ubyte *-ubyte.gz);;All files (*)</source>
        <translation>列表和 IDX 文件 (*.txt *.csv *.list *.lst *-ubyte *-ubyte.gz);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Source %1 of %2: %3</source>
        <translation>来源 %1 / %2：%3</translation>
    </message>
    <message>
        <source>Save Import Report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <source>Text (*.txt);;JSON (*.json)</source>
        <translation>文本 (*.txt);;JSON (*.json)</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ImportPreviewView</name>
    <message>
        <source>What the import will do</source>
        <translation>导入预览</translation>
    </message>
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
        <source>Line or file</source>
        <translation>行或文件</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>This source cannot be imported with these options: %1</source>
        <translation>使用这些选项无法导入此来源：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 images found&lt;/b&gt;, read as: %2.</source>
        <translation>&lt;b&gt;找到 %1 张图像&lt;/b&gt;，识别为：%2。</translation>
    </message>
    <message>
        <source>%1 are already in the project and will be left as they are.</source>
        <translation>其中 %1 张已在项目中，将保持不变。</translation>
    </message>
    <message>
        <source>%1 will be checked and added: %2 labeled, %3 unlabeled; %4.</source>
        <translation>将检查并添加 %1 张：已标注 %2 张，未标注 %3 张；%4。</translation>
    </message>
    <message>
        <source>%1 of them are also in a source above, which imports them first with its labels: here they will count as already in the project.</source>
        <translation>其中 %1 张也在上方的来源中，会先随该来源的标签导入：在此处将计为已在项目中。</translation>
    </message>
    <message>
        <source>New classes: %1.</source>
        <translation>新类别：%1。</translation>
    </message>
    <message>
        <source>Image files are read when you click Import; unreadable ones are skipped and listed in the report.</source>
        <translation>点击“导入”时才会读取图像文件；无法读取的文件将被跳过并列入报告。</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1（新）</translation>
    </message>
    <message>
        <source>%1 entries of the source are refused and will be skipped:</source>
        <translation>来源中有 %1 个条目被拒绝，将被跳过：</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ImportReportView</name>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>%1: %2 Nothing from this source was added.</source>
        <translation>%1：%2 未从此来源添加任何内容。</translation>
    </message>
    <message>
        <source>Imported: %1 · Already in the project: %2 · Skipped: %3</source>
        <translation>已导入：%1 · 已在项目中：%2 · 已跳过：%3</translation>
    </message>
    <message>
        <source>• %1: cancelled, nothing added</source>
        <translation>• %1：已取消，未添加任何内容</translation>
    </message>
    <message>
        <source>• %1: %2 imported, %3 already in the project, %4 skipped</source>
        <translation>• %1：已导入 %2，已在项目中 %3，已跳过 %4</translation>
    </message>
    <message>
        <source>New classes: %1</source>
        <translation>新类别：%1</translation>
    </message>
    <message>
        <source>Check the conflicts (the same image with different labels) and the leakage (the same image in two splits) before training.</source>
        <translation>训练前请检查冲突（同一图像标签不同）和泄漏（同一图像位于两个划分）。</translation>
    </message>
    <message>
        <source>Skipped (%1)</source>
        <translation>已跳过（%1）</translation>
    </message>
    <message>
        <source>Identical images (%1)</source>
        <translation>相同图像（%1）</translation>
    </message>
    <message>
        <source>Conflicts (%1)</source>
        <translation>冲突（%1）</translation>
    </message>
    <message>
        <source>Leakage (%1)</source>
        <translation>泄漏（%1）</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>未标注</translation>
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
        <translation>已保存</translation>
    </message>
    <message>
        <source>&amp;Import Images…</source>
        <translation>导入图像(&amp;I)…</translation>
    </message>
    <message>
        <source>Import a folder of images: a folder per class, or unlabeled images</source>
        <translation>导入图像文件夹：每类一个文件夹，或未标注的图像</translation>
    </message>
    <message>
        <source>Import &amp;List or CSV File…</source>
        <translation>导入列表或 CSV 文件(&amp;L)…</translation>
    </message>
    <message>
        <source>Import images named in a PaddleClas list or a CSV file, or single images</source>
        <translation>导入 PaddleClas 列表或 CSV 文件中列出的图像，或单张图像</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>Importing is not available in this build.</source>
        <translation>此版本不支持导入。</translation>
    </message>
    <message>
        <source>No project is open: create or open one to import into.</source>
        <translation>未打开项目：请新建或打开一个项目以导入图像。</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>No project is open. Images are imported into a project.</source>
        <translation>未打开项目。图像需要导入到项目中。</translation>
    </message>
    <message numerus="yes">
        <source>Create a new project for the %n dropped item(s), or open an existing one?</source>
        <translation>
            <numerusform>为拖入的 %n 个文件或文件夹新建项目，还是打开已有项目？</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Images from a Folder</source>
        <translation>从文件夹导入图像</translation>
    </message>
    <message>
        <source>Import a List, CSV File or Images</source>
        <translation>导入列表、CSV 文件或图像</translation>
    </message>
    <message>
        <source>Lists and CSV files (*.txt *.csv *.tsv);;Images (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff);;All files (*)</source>
        <translation>列表和 CSV 文件 (*.txt *.csv *.tsv);;图像 (*.png *.jpg *.jpeg *.bmp *.webp *.tif *.tiff);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The new language is used when PULC Studio starts again.</source>
        <translation>新语言将在 PULC Studio 下次启动时生效。</translation>
    </message>
    <message>
        <source>Edit Not Saved</source>
        <translation>编辑未保存</translation>
    </message>
    <message>
        <source>An edit could not be written to the project. The project was read again from its file, so what you see is what is stored; the undo history was cleared.</source>
        <translation>有一项编辑无法写入项目。已从文件重新读取项目，因此当前所见即为已保存的内容；撤销历史已清空。</translation>
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
        <translation>首选项</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>系统默认</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>小</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>大</translation>
    </message>
    <message>
        <source>&amp;Move to the next unlabeled image after labeling</source>
        <translation>标注后转到下一张未标注图像(&amp;M)</translation>
    </message>
    <message>
        <source>The new language is used when PULC Studio starts again.</source>
        <translation>新语言将在 PULC Studio 下次启动时生效。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Thumbnail size:</source>
        <translation>缩略图大小(&amp;T)：</translation>
    </message>
    <message>
        <source>Labeling:</source>
        <translation>标注：</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleBrowser</name>
    <message>
        <source>Auto-advance</source>
        <translation>自动前进</translation>
    </message>
    <message>
        <source>After a labeling key, select the next unlabeled image (single-label and binary projects)</source>
        <translation>按标注键后，选择下一张未标注图像（单标签和二分类项目）</translation>
    </message>
    <message>
        <source>Keys 1-9, 0 label the selection · Enter opens · Del removes</source>
        <translation>按 1-9、0 标注所选 · Enter 打开 · Del 移除</translation>
    </message>
    <message>
        <source>%1 of %2 images</source>
        <translation>%1 / %2 张图像</translation>
    </message>
    <message>
        <source> · %1 selected</source>
        <translation> · 已选择 %1 张</translation>
    </message>
    <message>
        <source>Toggle Attribute</source>
        <translation>切换属性</translation>
    </message>
    <message>
        <source>Label As</source>
        <translation>标注为</translation>
    </message>
    <message>
        <source>Clear Labels</source>
        <translation>清除标签</translation>
    </message>
    <message>
        <source>Move to Split</source>
        <translation>移至划分</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>No Split</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Restore to Dataset</source>
        <translation>恢复到数据集</translation>
    </message>
    <message>
        <source>Remove from Dataset</source>
        <translation>从数据集移除</translation>
    </message>
    <message>
        <source>Open in Viewer</source>
        <translation>在查看器中打开</translation>
    </message>
    <message>
        <source>Copy Path</source>
        <translation>复制路径</translation>
    </message>
    <message>
        <source>Show in File Manager</source>
        <translation>在文件管理器中显示</translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleDelegate</name>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>val</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>conflict</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>duplicate</source>
        <translation>重复</translation>
    </message>
    <message>
        <source>leakage</source>
        <translation>泄漏</translation>
    </message>
    <message>
        <source>unlabeled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleFilterBar</name>
    <message>
        <source>Show the images of one class</source>
        <translation>显示某一类别的图像</translation>
    </message>
    <message>
        <source>All splits</source>
        <translation>所有划分</translation>
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
        <source>No split</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Show the images of one split</source>
        <translation>显示某一划分的图像</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>任意状态</translation>
    </message>
    <message>
        <source>Missing files</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>Corrupt images</source>
        <translation>图像损坏</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>重复图像</translation>
    </message>
    <message>
        <source>Label conflicts</source>
        <translation>标签冲突</translation>
    </message>
    <message>
        <source>Split leakage</source>
        <translation>划分泄漏</translation>
    </message>
    <message>
        <source>Removed images</source>
        <translation>已移除图像</translation>
    </message>
    <message>
        <source>Show images with a problem, or the removed ones</source>
        <translation>显示有问题的图像或已移除的图像</translation>
    </message>
    <message>
        <source>Filter by path…</source>
        <translation>按路径筛选…</translation>
    </message>
    <message>
        <source>Sort by name</source>
        <translation>按名称排序</translation>
    </message>
    <message>
        <source>Sort by date added</source>
        <translation>按添加日期排序</translation>
    </message>
    <message>
        <source>Sort by class</source>
        <translation>按类别排序</translation>
    </message>
    <message>
        <source>All classes</source>
        <translation>所有类别</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleGridModel</name>
    <message>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>Corrupt or unsupported image data</source>
        <translation>图像数据损坏或格式不受支持</translation>
    </message>
    <message>
        <source>Image too large to show (%1 pixels)</source>
        <translation>图像过大，无法显示（%1 像素）</translation>
    </message>
    <message>
        <source>File too large to show</source>
        <translation>文件过大，无法显示</translation>
    </message>
    <message>
        <source>Cannot show this image: %1</source>
        <translation>无法显示此图像：%1</translation>
    </message>
    <message>
        <source>Unlabeled</source>
        <translation>未标注</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 像素</translation>
    </message>
    <message>
        <source>Same image as another sample with different labels</source>
        <translation>与另一样本为同一图像，但标签不同</translation>
    </message>
    <message>
        <source>Same image as another sample</source>
        <translation>与另一样本为同一图像</translation>
    </message>
    <message>
        <source>The same image is in another split</source>
        <translation>同一图像位于另一划分中</translation>
    </message>
    <message>
        <source>Removed from the dataset</source>
        <translation>已从数据集移除</translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleGridView</name>
    <message>
        <source>1 image</source>
        <translation>1 张图像</translation>
    </message>
    <message>
        <source>%1 images</source>
        <translation>%1 张图像</translation>
    </message>
</context>
<context>
    <name>pulc::ui::SampleViewer</name>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试</translation>
    </message>
    <message>
        <source>No split</source>
        <translation>未分配</translation>
    </message>
    <message>
        <source>Image Viewer</source>
        <translation>图像查看器</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一张</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一张</translation>
    </message>
    <message>
        <source>←/→ move · 1-9, 0 label · Esc close</source>
        <translation>←/→ 切换 · 1-9、0 标注 · Esc 关闭</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>找不到文件</translation>
    </message>
    <message>
        <source>Cannot show this image: %1</source>
        <translation>无法显示此图像：%1</translation>
    </message>
    <message>
        <source>&lt;i&gt;Unlabeled&lt;/i&gt;</source>
        <translation>&lt;i&gt;未标注&lt;/i&gt;</translation>
    </message>
    <message>
        <source>%1 × %2 pixels · %3 · %4</source>
        <translation>%1 × %2 像素 · %3 · %4</translation>
    </message>
    <message>
        <source> · file not found</source>
        <translation> · 找不到文件</translation>
    </message>
    <message>
        <source> · corrupt image data</source>
        <translation> · 图像数据损坏</translation>
    </message>
    <message>
        <source> · same image as another sample with different labels</source>
        <translation> · 与另一样本为同一图像，但标签不同</translation>
    </message>
    <message>
        <source> · same image as another sample</source>
        <translation> · 与另一样本为同一图像</translation>
    </message>
    <message>
        <source> · also in another split</source>
        <translation> · 也在另一划分中</translation>
    </message>
    <message>
        <source> · removed from the dataset</source>
        <translation> · 已从数据集移除</translation>
    </message>
    <message>
        <source>Image %1 of %2 in the grid</source>
        <translation>网格中的第 %1 / %2 张图像</translation>
    </message>
    <message>
        <source>No longer in the grid&apos;s filter</source>
        <translation>已不符合网格的筛选条件</translation>
    </message>
</context>
</TS>
