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
    <name>AugmentWarnings</name>
    <message>
        <source>Horizontal flip (%1 of the images) mirrors them, but this scene’s classes are directions or orientations: a mirrored image can belong to another class. Turn the flip off.</source>
        <translation>水平翻转（作用于 %1 的图像）会将图像镜像，但此场景的类别是方向或朝向：镜像后的图像可能属于另一个类别。请关闭翻转。</translation>
    </message>
    <message>
        <source>Horizontal flip (%1 of the images) can change the meaning of %2: a mirrored image can belong to another class. Turn the flip off.</source>
        <translation>水平翻转（作用于 %1 的图像）可能改变 %2 的含义：镜像后的图像可能属于另一个类别。请关闭翻转。</translation>
    </message>
    <message>
        <source>TimmAutoAugment (%1 of the images) rotates by up to 30 degrees and shears them; on an orientation task check that the preview keeps each image’s orientation recognisable.</source>
        <translation>TimmAutoAugment（作用于 %1 的图像）会将图像旋转最多 30 度并进行错切；对于方向任务，请在预览中确认每张图像的方向仍可辨认。</translation>
    </message>
    <message>
        <source>TimmAutoAugment (%1 of the images) rotates by up to 30 degrees and shears them; check that %2 stay recognisable in the preview.</source>
        <translation>TimmAutoAugment（作用于 %1 的图像）会将图像旋转最多 30 度并进行错切；请在预览中确认 %2 仍可辨认。</translation>
    </message>
    <message>
        <source>RandomRot90 rotates every image by 0, 90, 180 or 270 degrees and replaces its label with that rotation (0-3), so the dataset’s labels %1 are not used: the classes should be the four rotations in that order.</source>
        <translation>RandomRot90 会将每张图像旋转 0、90、180 或 270 度，并用该旋转（0-3）替换其标签，因此不会使用数据集的标签 %1：类别应为按此顺序排列的四种旋转。</translation>
    </message>
    <message>
        <source>BlurImage replaces every label with “sharp” (0) or “blurred” (1), so the dataset’s own labels are not used: the project should have two classes.</source>
        <translation>BlurImage 会将每个标签替换为“清晰”（0）或“模糊”（1），因此不会使用数据集自身的标签：项目应有两个类别。</translation>
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
    <name>EvaluationText</name>
    <message>
        <source>Evaluation cancelled.</source>
        <translation>评估已取消。</translation>
    </message>
    <message>
        <source>The %1 split has no labelled images. Assign images to it on the Data page, or choose another split.</source>
        <translation>%1中没有已标注的图像。请在“数据”页为其分配图像，或选择其他划分。</translation>
    </message>
    <message>
        <source>The project&apos;s classes changed since this model was trained (added, renamed or reordered), so its predictions cannot be compared with the labels. Train a new model.</source>
        <translation>自此模型训练以来，项目的类别已发生变化（添加、重命名或调整顺序），因此无法将其预测与标签进行比较。请训练新模型。</translation>
    </message>
    <message>
        <source>This model was trained for another task type than the project&apos;s.</source>
        <translation>此模型训练时的任务类型与项目的任务类型不同。</translation>
    </message>
    <message>
        <source>This run has no saved model yet.</source>
        <translation>此运行还没有已保存的模型。</translation>
    </message>
    <message>
        <source>None of the split&apos;s images could be read.</source>
        <translation>该划分中的图像均无法读取。</translation>
    </message>
    <message>
        <source>The run&apos;s model file cannot be read: it is damaged or was written by another version. The project is unchanged; train the run again.</source>
        <translation>无法读取该运行的模型文件：文件已损坏，或由其他版本写入。项目未受影响；请重新训练该运行。</translation>
    </message>
    <message>
        <source>The evaluation failed.</source>
        <translation>评估失败。</translation>
    </message>
    <message>
        <source>Top-1 accuracy</source>
        <translation>Top-1 准确率</translation>
    </message>
    <message>
        <source>mA (mean attribute accuracy)</source>
        <translation>mA（属性平均准确率）</translation>
    </message>
    <message>
        <source>TPR at FPR ≤ %1</source>
        <translation>FPR ≤ %1 时的 TPR</translation>
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
    <name>QObject</name>
    <message>
        <source>%1: %2 (%3 %4 %5)</source>
        <translation>%1：%2（%3 %4 %5）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>(no attribute)</source>
        <translation>（无属性）</translation>
    </message>
    <message>
        <source>no model is loaded</source>
        <translation>未加载模型</translation>
    </message>
    <message>
        <source>no model is loaded: %1</source>
        <translation>未加载模型：%1</translation>
    </message>
    <message>
        <source>%1: out of memory</source>
        <translation>%1：内存不足</translation>
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
    <name>pulc::ui::AttributeMetricsModel</name>
    <message>
        <source>An image has this attribute when its score is above the threshold. Double-click to change it.</source>
        <translation>图像得分高于阈值时即具有此属性。双击可修改阈值。</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>(true-positive rate + true-negative rate) / 2, as PaddleClas&apos;s mA counts it</source>
        <translation>（真正例率 + 真负例率）/ 2，与 PaddleClas 的 mA 计算方式相同</translation>
    </message>
    <message>
        <source>Attribute</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Mean accuracy</source>
        <translation>平均准确率</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>Positives</source>
        <translation>正样本</translation>
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
    <name>pulc::ui::AugmentPreview</name>
    <message>
        <source>&lt;b&gt;Training samples as the model sees them&lt;/b&gt;</source>
        <translation>&lt;b&gt;模型所见的训练样本&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Show originals</source>
        <translation>显示原图</translation>
    </message>
    <message>
        <source>Show the source images instead of the augmented ones</source>
        <translation>显示原始图像，而非增强后的图像</translation>
    </message>
    <message>
        <source>Resample</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <source>Pick other images and draw again (R)</source>
        <translation>选取其他图像并重新随机增强（R）</translation>
    </message>
    <message>
        <source>Open a project to see its training images augmented.</source>
        <translation>打开项目即可查看其训练图像的增强效果。</translation>
    </message>
    <message>
        <source>The project has no labelled training images yet: add some on the Data page to preview the augmentation.</source>
        <translation>项目还没有已标注的训练图像：请在“数据”页添加一些，以预览数据增强效果。</translation>
    </message>
    <message>
        <source>Rendering…</source>
        <translation>正在渲染…</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>%1°</source>
        <translation>%1°</translation>
    </message>
    <message>
        <source>label %1</source>
        <translation>标签 %1</translation>
    </message>
</context>
<context>
    <name>pulc::ui::BinaryThresholdPanel</name>
    <message>
        <source>An image counts as positive when its score for the positive class is at least this threshold</source>
        <translation>图像在正类上的得分不低于此阈值时，计为正例</translation>
    </message>
    <message>
        <source>The false-positive rate you can afford. PULC reports the best true-positive rate reachable within it (TPR at FPR).</source>
        <translation>可接受的假正例率。PULC 报告在此范围内能达到的最佳真正例率（TPR at FPR）。</translation>
    </message>
    <message>
        <source>Use this threshold</source>
        <translation>使用此阈值</translation>
    </message>
    <message>
        <source>Move the slider to the threshold that reaches the max FPR</source>
        <translation>将滑块移到达到最大 FPR 的阈值处</translation>
    </message>
    <message>
        <source>Threshold:</source>
        <translation>阈值：</translation>
    </message>
    <message>
        <source>Max FPR:</source>
        <translation>最大 FPR：</translation>
    </message>
    <message>
        <source>&lt;b&gt;TPR&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;FPR&lt;/b&gt; %2 &amp;nbsp; &lt;b&gt;Precision&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;Accuracy&lt;/b&gt; %4 &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;(%5 of %6 “%7” images found, %8 false alarms in %9)&lt;/span&gt;</source>
        <translation>&lt;b&gt;TPR&lt;/b&gt; %1 &amp;nbsp; &lt;b&gt;FPR&lt;/b&gt; %2 &amp;nbsp; &lt;b&gt;精确率&lt;/b&gt; %3 &amp;nbsp; &lt;b&gt;准确率&lt;/b&gt; %4 &amp;nbsp; &lt;span style=&apos;color:gray&apos;&gt;（%6 张“%7”图像中找到 %5 张，%9 张中误报 %8 张）&lt;/span&gt;</translation>
    </message>
    <message>
        <source>No positive image in this split: TPR cannot be measured.</source>
        <translation>此划分中没有正例图像：无法测量 TPR。</translation>
    </message>
    <message>
        <source>No threshold finds a positive within this FPR.</source>
        <translation>在此 FPR 内，任何阈值都找不到正例。</translation>
    </message>
    <message>
        <source>TPR %1 at FPR %2 with threshold %3</source>
        <translation>阈值 %3 时，FPR %2 下的 TPR 为 %1</translation>
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
    <name>pulc::ui::ClassMetricsModel</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精确率</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>召回率</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>图像数</translation>
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
    <name>pulc::ui::ConfusionMatrixModel</name>
    <message>
        <source>%1 of %2 images of “%3” (%4%) predicted as “%5”. Click to see them.</source>
        <translation>“%3”的 %2 张图像中有 %1 张（%4%）被预测为“%5”。点击查看这些图像。</translation>
    </message>
    <message>
        <source>True class: %1</source>
        <translation>真实类别：%1</translation>
    </message>
    <message>
        <source>Predicted class: %1</source>
        <translation>预测类别：%1</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ConfusionMatrixTab</name>
    <message>
        <source>Rows: true class. Columns: predicted class. Click a cell to see its images.</source>
        <translation>行：真实类别。列：预测类别。点击单元格可查看对应图像。</translation>
    </message>
    <message>
        <source>Click a cell of the matrix to see its images.</source>
        <translation>点击矩阵中的单元格可查看对应图像。</translation>
    </message>
    <message>
        <source>Rows: true class · Columns: predicted class</source>
        <translation>行：真实类别 · 列：预测类别</translation>
    </message>
    <message>
        <source>“%1” predicted as “%2” (images: %3, highest loss first)</source>
        <translation>“%1”被预测为“%2”（图像：%3，按损失从高到低）</translation>
    </message>
</context>
<context>
    <name>pulc::ui::CostEstimate</name>
    <message>
        <source>under 1 s</source>
        <translation>不到 1 s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>No labelled training images yet.</source>
        <translation>还没有已标注的训练图像。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) per epoch</source>
        <translation>
            <numerusform>每轮 %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) of %1</source>
        <translation>
            <numerusform>%n 步，每批 %1 张</numerusform>
        </translation>
    </message>
    <message>
        <source>could not measure: %1</source>
        <translation>无法测量：%1</translation>
    </message>
    <message>
        <source>about %1 per epoch on this machine (%2 per step, measured; decoding and augmentation add to it)</source>
        <translation>在本机上每轮约 %1（实测每步 %2；解码和数据增强会额外耗时）</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>time not measured while a run trains</source>
        <translation>训练进行时不测量耗时</translation>
    </message>
    <message>
        <source>measuring the model step…</source>
        <translation>正在测量模型单步耗时…</translation>
    </message>
    <message>
        <source>Timed with %1 training steps (forward, backward, SGD) of the model on random tensors after %2 warm-up step(s); the median is shown. Reading and augmenting images runs in the loader threads alongside.</source>
        <translation>在 %2 步预热之后，用随机张量对模型的 %1 个训练步（前向、反向、SGD）计时，显示中位数。图像的读取和增强同时在加载线程中进行。</translation>
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
    <name>pulc::ui::EvaluateSampleGrid</name>
    <message>
        <source>Accept the prediction (%1)</source>
        <translation>接受预测（%1）</translation>
    </message>
    <message>
        <source>Toggle attribute</source>
        <translation>切换属性</translation>
    </message>
    <message>
        <source>Relabel as</source>
        <translation>重新标注为</translation>
    </message>
</context>
<context>
    <name>pulc::ui::EvaluateSampleModel</name>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>(unlabelled)</source>
        <translation>（未标注）</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>✓ now %1</source>
        <translation>✓ 现为 %1</translation>
    </message>
    <message>
        <source>score %1</source>
        <translation>得分 %1</translation>
    </message>
    <message>
        <source>%1
True: %2
Predicted: %3 (score %4)
Loss: %5
Label now: %6</source>
        <translation>%1
真实：%2
预测：%3（得分 %4）
损失：%5
当前标签：%6</translation>
    </message>
</context>
<context>
    <name>pulc::ui::EvaluatePage</name>
    <message>
        <source>The trained run whose model is evaluated</source>
        <translation>选择已训练的运行，评估其模型</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>The labelled images the model is measured on</source>
        <translation>用于衡量模型的已标注图像</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Run the model on the split&apos;s images (F5)</source>
        <translation>在该划分的图像上运行模型（F5）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>划分：</translation>
    </message>
    <message>
        <source>Per class</source>
        <translation>按类别</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>属性</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Misclassified</source>
        <translation>分类错误</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Open a project to evaluate its models.</source>
        <translation>打开项目以评估其模型。</translation>
    </message>
    <message>
        <source>No trained model yet. Train a model on the Train page first.</source>
        <translation>还没有训练好的模型。请先在“训练”页训练模型。</translation>
    </message>
    <message>
        <source>Choose a run and a split, then press Evaluate (F5).</source>
        <translation>选择运行和划分，然后点击“评估”（F5）。</translation>
    </message>
    <message>
        <source>Evaluating…</source>
        <translation>正在评估…</translation>
    </message>
    <message>
        <source>Misclassified (%1)</source>
        <translation>分类错误（%1）</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;font-size:x-large&apos;&gt;&lt;b&gt;%1 %2&lt;/b&gt;&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;font-size:x-large&apos;&gt;&lt;b&gt;%1 %2&lt;/b&gt;&lt;/span&gt;</translation>
    </message>
    <message>
        <source>(%1 at the model&apos;s threshold)</source>
        <translation>（按模型阈值为 %1）</translation>
    </message>
    <message>
        <source>Accuracy %1</source>
        <translation>准确率 %1</translation>
    </message>
    <message>
        <source>Top-5 %1</source>
        <translation>Top-5 %1</translation>
    </message>
    <message>
        <source>Macro F1 %1</source>
        <translation>宏平均 F1 %1</translation>
    </message>
    <message>
        <source>Images: %1</source>
        <translation>图像：%1</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:#c0392b&apos;&gt;Skipped (unreadable): %1&lt;/span&gt;</source>
        <translation>&lt;span style=&apos;color:#c0392b&apos;&gt;已跳过（无法读取）：%1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>%1 split</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>Select images and press a key to relabel them: %1</source>
        <translation>选择图像并按键重新标注：%1</translation>
    </message>
    <message>
        <source>; P accepts the prediction</source>
        <translation>；按 P 接受预测</translation>
    </message>
    <message>
        <source>. Ctrl+Z undoes. Relabelled images stay here, marked.</source>
        <translation>。Ctrl+Z 可撤销。重新标注的图像会留在此处并带有标记。</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ExportPage</name>
    <message>
        <source>Writing the ONNX model…</source>
        <translation>正在写入 ONNX 模型…</translation>
    </message>
    <message>
        <source>Checking the exported model against the native predictor…</source>
        <translation>正在用本机预测器核对导出的模型…</translation>
    </message>
    <message>
        <source>Measuring the latency…</source>
        <translation>正在测量延迟…</translation>
    </message>
    <message>
        <source>Writing the model card and the example…</source>
        <translation>正在写入模型卡片和示例…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Write a trained model in a form that deploys anywhere: an ONNX model with PaddleClas-style pre- and post-processing, a model card, and a C++ example that runs it with OpenCV. The exported model is checked against this app&apos;s own predictor on the validation images.</source>
        <translation>将训练好的模型导出为可随处部署的形式：带有 PaddleClas 风格前后处理的 ONNX 模型、模型卡片，以及用 OpenCV 运行它的 C++ 示例。导出的模型会在验证集图像上与本应用自身的预测器进行核对。</translation>
    </message>
    <message>
        <source>The trained run to export</source>
        <translation>要导出的已训练运行</translation>
    </message>
    <message>
        <source>Deployment bundle: ONNX, inference.yml, labels, model card, C++ example and a LibTorch checkpoint</source>
        <translation>部署包：ONNX、inference.yml、标签、模型卡片、C++ 示例和 LibTorch 检查点</translation>
    </message>
    <message>
        <source>LibTorch checkpoint only</source>
        <translation>仅 LibTorch 检查点</translation>
    </message>
    <message>
        <source>Folder to create</source>
        <translation>要创建的文件夹</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Check the exported model on the validation images (fails below 99.9% agreement)</source>
        <translation>在验证集图像上核对导出的模型（一致率低于 99.9% 则失败）</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹：</translation>
    </message>
    <message>
        <source>Export the selected run (Ctrl+Return)</source>
        <translation>导出所选运行（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>The parity check, the latency and the files appear here.</source>
        <translation>一致性核对、延迟和文件列表将显示在这里。</translation>
    </message>
    <message>
        <source>Folder to export into</source>
        <translation>导出到的文件夹</translation>
    </message>
    <message>
        <source>Choose a folder to export into.</source>
        <translation>请选择导出到的文件夹。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Parity with the native predictor</source>
        <translation>与本机预测器的一致性</translation>
    </message>
    <message>
        <source>%1 of %2 validation images agree (%3%), largest probability difference %4.</source>
        <translation>%2 张验证图像中有 %1 张一致（%3%），最大概率差 %4。</translation>
    </message>
    <message>
        <source>Images that disagree:</source>
        <translation>不一致的图像：</translation>
    </message>
    <message>
        <source>Latency on this machine: %1 ms per image (median, batch 1).</source>
        <translation>本机延迟：每张图像 %1 ms（中位数，批大小 1）。</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>The export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>There is no trained model yet: train one on the Train page.</source>
        <translation>还没有训练好的模型：请在“训练”页训练一个。</translation>
    </message>
    <message>
        <source>Open a project and train a model first.</source>
        <translation>请先打开项目并训练模型。</translation>
    </message>
    <message>
        <source>Writing the PaddleClas weights…</source>
        <translation>正在写入 PaddleClas 权重…</translation>
    </message>
    <message>
        <source>PaddleClas weights (.pdparams) and a PaddleClas config, to fine-tune or deploy with PaddleClas&apos;s own tools</source>
        <translation>PaddleClas 权重（.pdparams）和 PaddleClas 配置，可用 PaddleClas 自带工具微调或部署</translation>
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
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
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
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>A model is training. Stop it and quit? The run keeps a checkpoint of its last step and can be resumed from the Train page.</source>
        <translation>模型正在训练。要停止训练并退出吗？该运行会保存最后一步的检查点，之后可在“训练”页继续训练。</translation>
    </message>
    <message>
        <source>Training · %1</source>
        <translation>训练中 · %1</translation>
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
    <name>pulc::ui::PredictPage</name>
    <message>
        <source>(%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>The trained run whose model classifies the images</source>
        <translation>选择已训练的运行，用其模型对图像分类</translation>
    </message>
    <message>
        <source>How many classes to show per image, best first</source>
        <translation>每张图像显示的类别数，按得分从高到低</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>模型：</translation>
    </message>
    <message>
        <source>Top-k:</source>
        <translation>Top-k：</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop classifying the images still waiting</source>
        <translation>停止对仍在等待的图像进行分类</translation>
    </message>
    <message>
        <source>The model cannot be loaded: %1</source>
        <translation>无法加载模型：%1</translation>
    </message>
    <message>
        <source>Open Images…</source>
        <translation>打开图像…</translation>
    </message>
    <message>
        <source>Choose images to classify (Ctrl+Shift+O)</source>
        <translation>选择要分类的图像（Ctrl+Shift+O）</translation>
    </message>
    <message>
        <source>Open Folder…</source>
        <translation>打开文件夹…</translation>
    </message>
    <message>
        <source>Classify every image in a folder and its subfolders</source>
        <translation>对文件夹及其子文件夹中的所有图像进行分类</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Forget the images shown</source>
        <translation>清除当前显示的图像</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <source>Save every image&apos;s classes, scores and inference time as a CSV file (Ctrl+E)</source>
        <translation>将每张图像的类别、得分和推理时间保存为 CSV 文件（Ctrl+E）</translation>
    </message>
    <message>
        <source>Drop images or folders here</source>
        <translation>将图像或文件夹拖放到此处</translation>
    </message>
    <message>
        <source>The chosen model classifies them at once: the best classes with their probabilities.
Folders are searched with their subfolders. Or use Open Images… (Ctrl+Shift+O).</source>
        <translation>所选模型会立即对其分类：给出最可能的类别及其概率。
文件夹会连同子文件夹一起搜索。也可以使用“打开图像…”（Ctrl+Shift+O）。</translation>
    </message>
    <message>
        <source>There is no trained model yet: train a model on the Train page first.</source>
        <translation>还没有训练好的模型：请先在“训练”页训练模型。</translation>
    </message>
    <message>
        <source>Open a project and train a model on the Train page first.</source>
        <translation>请先打开项目，并在“训练”页训练模型。</translation>
    </message>
    <message>
        <source>Train a model on the Train page first.
Then drop images here to see what it predicts.</source>
        <translation>请先在“训练”页训练模型。
然后将图像拖放到此处，查看其预测结果。</translation>
    </message>
    <message>
        <source>Open a project and train a model on the Train page first.
Then drop images here to see what it predicts.</source>
        <translation>请先打开项目，并在“训练”页训练模型。
然后将图像拖放到此处，查看其预测结果。</translation>
    </message>
    <message>
        <source>Reading the folders…</source>
        <translation>正在读取文件夹…</translation>
    </message>
    <message>
        <source>Classifying: %1 of %2 images done</source>
        <translation>正在分类：已完成 %1 / %2 张图像</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) classified</source>
        <translation>
            <numerusform>已分类 %n 张图像</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read</source>
        <translation>
            <numerusform>%n 张无法读取</numerusform>
        </translation>
    </message>
    <message>
        <source>Open Images</source>
        <translation>打开图像</translation>
    </message>
    <message>
        <source>Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)</source>
        <translation>图像 (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>Native CPU path, %n thread(s)</source>
        <translation>
            <numerusform>本机 CPU 路径，%n 个线程</numerusform>
        </translation>
    </message>
    <message>
        <source>BatchNorm folded into the convolutions, activations fused, weights packed once (oneDNN).</source>
        <translation>BatchNorm 已折叠进卷积，激活已融合，权重只打包一次（oneDNN）。</translation>
    </message>
    <message numerus="yes">
        <source>LibTorch, %n thread(s)</source>
        <translation>
            <numerusform>LibTorch，%n 个线程</numerusform>
        </translation>
    </message>
    <message>
        <source>This architecture has no native path; it runs on LibTorch.</source>
        <translation>此架构没有本机路径，在 LibTorch 上运行。</translation>
    </message>
    <message>
        <source>Open Model…</source>
        <translation>打开模型…</translation>
    </message>
    <message>
        <source>Classify with a model file: a checkpoint or an exported bundle&apos;s model.ckpt</source>
        <translation>用模型文件分类：检查点或导出包中的 model.ckpt</translation>
    </message>
    <message>
        <source>%1 (file)</source>
        <translation>%1（文件）</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>PULC Studio models (*.ckpt);;All files (*)</source>
        <translation>PULC Studio 模型 (*.ckpt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>pulc::ui::PredictDetail</name>
    <message>
        <source>(no preview)</source>
        <translation>（无预览）</translation>
    </message>
    <message>
        <source>Classifying…</source>
        <translation>正在分类…</translation>
    </message>
    <message>
        <source>Cannot classify this file</source>
        <translation>无法对此文件进行分类</translation>
    </message>
    <message>
        <source>Attributes at or above the threshold %1 are checked.</source>
        <translation>达到或高于阈值 %1 的属性已勾选。</translation>
    </message>
    <message>
        <source>Decision: %1, because the score of %2 is %3 the threshold.</source>
        <translation>判定：%1，因为 %2 的得分%3阈值。</translation>
    </message>
    <message>
        <source>at or above</source>
        <translation>达到或高于</translation>
    </message>
    <message>
        <source>below</source>
        <translation>低于</translation>
    </message>
    <message>
        <source>%1  %2%</source>
        <translation>%1  %2%</translation>
    </message>
    <message>
        <source>Inference %1 ms</source>
        <translation>推理 %1 ms</translation>
    </message>
    <message>
        <source> · %1 × %2 pixels</source>
        <translation> · %1 × %2 像素</translation>
    </message>
</context>
<context>
    <name>pulc::ui::PredictModel</name>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Best attribute</source>
        <translation>最佳属性</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Runner-up</source>
        <translation>次优</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>耗时</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation>%1 × %2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>not classified</source>
        <translation>未分类</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
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
    <name>pulc::ui::ProjectRuns</name>
    <message>
        <source>Run “%1”: %2, scene %3, classes %4</source>
        <translation>运行“%1”：%2，场景 %3，类别 %4</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ProjectSession</name>
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
    <name>pulc::ui::RunsModel</name>
    <message>
        <source>top-1</source>
        <translation>top-1</translation>
    </message>
    <message>
        <source>TPR@FPR</source>
        <translation>TPR@FPR</translation>
    </message>
    <message>
        <source>mA</source>
        <translation>mA</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>已中断</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>not started</source>
        <translation>未开始</translation>
    </message>
    <message>
        <source>%1 %2 (epoch %3)</source>
        <translation>%1 %2（第 %3 轮）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Scene</source>
        <translation>场景</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>时长</translation>
    </message>
    <message>
        <source>Best</source>
        <translation>最佳</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>pulc::ui::RunsPanel</name>
    <message>
        <source>Show curves</source>
        <translation>显示曲线</translation>
    </message>
    <message>
        <source>Show the run&apos;s training curves (double-click)</source>
        <translation>显示该运行的训练曲线（双击）</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Draw the run&apos;s curves dashed next to the ones shown</source>
        <translation>将该运行的曲线以虚线叠加在当前曲线旁</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Continue a stopped or interrupted run from its last checkpoint</source>
        <translation>从最后的检查点继续已停止或已中断的运行</translation>
    </message>
    <message>
        <source>Duplicate settings</source>
        <translation>复制设置</translation>
    </message>
    <message>
        <source>Load the run&apos;s settings into the form for a new run</source>
        <translation>将该运行的设置载入表单，用于新的运行</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Open the run on the Evaluate page</source>
        <translation>在“评估”页打开该运行</translation>
    </message>
    <message>
        <source>Predict</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Try the run&apos;s model on the Predict page</source>
        <translation>在“预测”页试用该运行的模型</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Rename the run</source>
        <translation>重命名该运行</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete the run with its checkpoints and logs</source>
        <translation>删除该运行及其检查点和日志</translation>
    </message>
    <message>
        <source>Delete run</source>
        <translation>删除运行</translation>
    </message>
    <message>
        <source>Run “%1” is training. Stop it before deleting it.</source>
        <translation>运行“%1”正在训练。请先停止再删除。</translation>
    </message>
    <message>
        <source>Delete run “%1”?</source>
        <translation>删除运行“%1”？</translation>
    </message>
    <message>
        <source>Its folder goes too, with its checkpoints, metrics and log:
%1
This cannot be undone.</source>
        <translation>其文件夹连同检查点、指标和日志也会被删除：
%1
此操作无法撤销。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export the run&apos;s model for deployment on the Export page</source>
        <translation>在“导出”页导出该运行的模型以便部署</translation>
    </message>
    <message>
        <source>Import Model…</source>
        <translation>导入模型…</translation>
    </message>
    <message>
        <source>Add a PaddleClas weights file (.pdparams), such as a PULC scene&apos;s &lt;scene&gt;_pretrained.pdparams, as a ready run</source>
        <translation>将 PaddleClas 权重文件（.pdparams，例如 PULC 场景的 &lt;scene&gt;_pretrained.pdparams）添加为可直接使用的运行</translation>
    </message>
    <message>
        <source>Imported. %1</source>
        <translation>已导入。%1</translation>
    </message>
    <message>
        <source>Import a model</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>PaddleClas weights (*.pdparams);;PULC Studio checkpoints (*.ckpt);;All files (*)</source>
        <translation>PaddleClas 权重 (*.pdparams);;PULC Studio 检查点 (*.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Automatic (from the file name, else the project&apos;s runs)</source>
        <translation>自动（根据文件名，否则根据项目的运行）</translation>
    </message>
    <message>
        <source>Scene template (input size, strides, classes, threshold):</source>
        <translation>场景模板（输入尺寸、步长、类别、阈值）：</translation>
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
<context>
    <name>pulc::ui::SceneText</name>
    <message>
        <source>Person exists</source>
        <translation>有人/无人</translation>
    </message>
    <message>
        <source>Whether the image shows a person (binary).</source>
        <translation>图像中是否有人（二分类）。</translation>
    </message>
    <message>
        <source>Person attributes</source>
        <translation>行人属性</translation>
    </message>
    <message>
        <source>26 attributes of a cropped pedestrian: hat, glasses, clothing, bags, age, gender, orientation (multi-label).</source>
        <translation>裁剪出的行人的 26 个属性：帽子、眼镜、衣着、包、年龄、性别、朝向（多标签）。</translation>
    </message>
    <message>
        <source>Safety helmet</source>
        <translation>安全帽</translation>
    </message>
    <message>
        <source>Whether a cropped head wears a safety helmet (binary).</source>
        <translation>裁剪出的头部是否佩戴安全帽（二分类）。</translation>
    </message>
    <message>
        <source>Traffic sign</source>
        <translation>交通标志</translation>
    </message>
    <message>
        <source>Which of 232 traffic signs a cropped sign is.</source>
        <translation>裁剪出的交通标志属于 232 种中的哪一种。</translation>
    </message>
    <message>
        <source>Vehicle attributes</source>
        <translation>车辆属性</translation>
    </message>
    <message>
        <source>Colour and body type of a cropped vehicle (multi-label).</source>
        <translation>裁剪出的车辆的颜色和车型（多标签）。</translation>
    </message>
    <message>
        <source>Car exists</source>
        <translation>有车/无车</translation>
    </message>
    <message>
        <source>Whether the image shows a car (binary).</source>
        <translation>图像中是否有车（二分类）。</translation>
    </message>
    <message>
        <source>Text image orientation</source>
        <translation>含文字图像方向</translation>
    </message>
    <message>
        <source>Which way a document page is turned: 0, 90, 180 or 270 degrees.</source>
        <translation>文档页面的旋转方向：0、90、180 或 270 度。</translation>
    </message>
    <message>
        <source>Text line orientation</source>
        <translation>文本行方向</translation>
    </message>
    <message>
        <source>Whether a cropped text line is upright or upside down.</source>
        <translation>裁剪出的文本行是正向还是倒置。</translation>
    </message>
    <message>
        <source>Text line language</source>
        <translation>文本行语种</translation>
    </message>
    <message>
        <source>Which of 10 languages a cropped text line is written in.</source>
        <translation>裁剪出的文本行使用 10 种语言中的哪一种。</translation>
    </message>
    <message>
        <source>Table attributes</source>
        <translation>表格属性</translation>
    </message>
    <message>
        <source>How a table was photographed: angle, clarity, lighting, background (multi-label).</source>
        <translation>表格的拍摄情况：角度、清晰度、光照、背景（多标签）。</translation>
    </message>
    <message>
        <source>Code exists</source>
        <translation>有码/无码</translation>
    </message>
    <message>
        <source>Whether the image contains a barcode or QR code (binary).</source>
        <translation>图像中是否含有条形码或二维码（二分类）。</translation>
    </message>
    <message>
        <source>Clarity</source>
        <translation>清晰度</translation>
    </message>
    <message>
        <source>Whether the image is sharp or blurred; BlurImage makes the labels.</source>
        <translation>图像清晰还是模糊；标签由 BlurImage 生成。</translation>
    </message>
    <message>
        <source>Image orientation</source>
        <translation>图像方向</translation>
    </message>
    <message>
        <source>Which way a photo is turned; RandomRot90 makes the labels.</source>
        <translation>照片的旋转方向；标签由 RandomRot90 生成。</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Your own classes, from the project&apos;s dataset.</source>
        <translation>使用项目数据集中你自己的类别。</translation>
    </message>
    <message>
        <source>Input %1×%2, %3 epochs, batch %4, LR %5; best epoch by %6.</source>
        <translation>输入 %1×%2，%3 轮，批大小 %4，学习率 %5；按%6选择最佳轮次。</translation>
    </message>
    <message>
        <source>PaddleClas trains it with batch %1 per GPU on %2 GPUs and LR %3; here batch %4 with LR %5 (linear scaling).</source>
        <translation>PaddleClas 在 %2 块 GPU 上以每块 GPU 批大小 %1、学习率 %3 训练；本机使用批大小 %4、学习率 %5（线性缩放）。</translation>
    </message>
</context>
<context>
    <name>pulc::ui::ThresholdChart</name>
    <message>
        <source>False-positive rate</source>
        <translation>假正例率</translation>
    </message>
    <message>
        <source>True-positive rate</source>
        <translation>真正例率</translation>
    </message>
    <message>
        <source>ROC</source>
        <translation>ROC</translation>
    </message>
</context>
<context>
    <name>pulc::ui::TrainConfigForm</name>
    <message>
        <source>single-label</source>
        <translation>单标签</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>二分类</translation>
    </message>
    <message>
        <source>multi-label</source>
        <translation>多标签</translation>
    </message>
    <message>
        <source>Height in pixels</source>
        <translation>高度（像素）</translation>
    </message>
    <message>
        <source>Width in pixels</source>
        <translation>宽度（像素）</translation>
    </message>
    <message>
        <source>Scene and model</source>
        <translation>场景与模型</translation>
    </message>
    <message>
        <source>Scene template</source>
        <translation>场景模板</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Input size (H × W)</source>
        <translation>输入尺寸（高 × 宽）</translation>
    </message>
    <message>
        <source>off (direct resize)</source>
        <translation>关闭（直接缩放）</translation>
    </message>
    <message>
        <source>Evaluation: resize the short side to this, then centre-crop to the input size</source>
        <translation>评估时：先将短边缩放到此值，再中心裁剪到输入尺寸</translation>
    </message>
    <message>
        <source>Resize short side</source>
        <translation>短边缩放</translation>
    </message>
    <message>
        <source>Train size (H × W)</source>
        <translation>训练尺寸（高 × 宽）</translation>
    </message>
    <message>
        <source>1×1 conv before the classifier (use_last_conv)</source>
        <translation>分类器前加 1×1 卷积（use_last_conv）</translation>
    </message>
    <message>
        <source>Strides</source>
        <translation>步长</translation>
    </message>
    <message>
        <source>Optimisation</source>
        <translation>优化</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Warm-up epochs</source>
        <translation>预热轮数</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <source>Label smoothing</source>
        <translation>标签平滑</translation>
    </message>
    <message>
        <source>Model EMA (PaddleClas EMA.decay): keeps a moving average of the weights, updated after every step with this decay, and validates it beside the model each epoch; the run keeps whichever scores better. 0.9999 suits long runs, 0.999 short ones. 0 turns it off.</source>
        <translation>模型 EMA（PaddleClas 的 EMA.decay）：保存权重的滑动平均，每一步后按此衰减系数更新，并在每个 epoch 与模型一同验证；训练保留得分更高的一方。长时间训练宜用 0.9999，短时间训练宜用 0.999。设为 0 即关闭。</translation>
    </message>
    <message>
        <source>Model EMA decay</source>
        <translation>模型 EMA 衰减系数</translation>
    </message>
    <message>
        <source>Top-1 accuracy</source>
        <translation>Top-1 准确率</translation>
    </message>
    <message>
        <source>TPR at an FPR bound (binary)</source>
        <translation>给定 FPR 上限下的 TPR（二分类）</translation>
    </message>
    <message>
        <source>Mean accuracy mA (multi-label)</source>
        <translation>平均准确率 mA（多标签）</translation>
    </message>
    <message>
        <source>Best epoch by</source>
        <translation>最佳轮次依据</translation>
    </message>
    <message>
        <source>Max FPR</source>
        <translation>最大 FPR</translation>
    </message>
    <message>
        <source>Decision threshold</source>
        <translation>判定阈值</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>p = </source>
        <translation>p = </translation>
    </message>
    <message>
        <source>Random crop (RandCropImage)</source>
        <translation>随机裁剪（RandCropImage）</translation>
    </message>
    <message>
        <source>Resize to train size</source>
        <translation>缩放到训练尺寸</translation>
    </message>
    <message>
        <source>Resize, pad, random crop</source>
        <translation>缩放、填充、随机裁剪</translation>
    </message>
    <message>
        <source>Geometry</source>
        <translation>几何变换</translation>
    </message>
    <message>
        <source>Smallest share of the image area a random crop keeps</source>
        <translation>随机裁剪保留的最小图像面积比例</translation>
    </message>
    <message>
        <source>    crop min. area</source>
        <translation>    裁剪最小面积</translation>
    </message>
    <message>
        <source>Horizontal flip</source>
        <translation>水平翻转</translation>
    </message>
    <message>
        <source>Flip before AutoAugment</source>
        <translation>在 AutoAugment 之前翻转</translation>
    </message>
    <message>
        <source>TimmAutoAugment</source>
        <translation>TimmAutoAugment</translation>
    </message>
    <message>
        <source>    magnitude</source>
        <translation>    强度</translation>
    </message>
    <message>
        <source>RandomErasing</source>
        <translation>RandomErasing</translation>
    </message>
    <message>
        <source>CutMix</source>
        <translation>CutMix</translation>
    </message>
    <message>
        <source>    CutMix alpha</source>
        <translation>    CutMix alpha</translation>
    </message>
    <message>
        <source>Mixup</source>
        <translation>Mixup</translation>
    </message>
    <message>
        <source>    Mixup alpha</source>
        <translation>    Mixup alpha</translation>
    </message>
    <message>
        <source>Blur labels (clarity)</source>
        <translation>模糊标签（清晰度）</translation>
    </message>
    <message>
        <source>BlurImage: blurs a share of the images and labels them 1, the rest 0; the dataset&apos;s labels are replaced</source>
        <translation>BlurImage：将一部分图像模糊并标为 1，其余标为 0；数据集的标签将被替换</translation>
    </message>
    <message>
        <source>ratio </source>
        <translation>比例 </translation>
    </message>
    <message>
        <source>Rotation labels (RandomRot90)</source>
        <translation>旋转标签（RandomRot90）</translation>
    </message>
    <message>
        <source>Rotates each image by k × 90° and labels it k; the dataset&apos;s labels are replaced</source>
        <translation>将每张图像旋转 k × 90° 并标为 k；数据集的标签将被替换</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Compute threads</source>
        <translation>计算线程数</translation>
    </message>
    <message>
        <source>Loader threads</source>
        <translation>加载线程数</translation>
    </message>
    <message>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>This scene is a %1 task but the project is %2: its metric, loss and threshold may not fit the project&apos;s labels.</source>
        <translation>此场景是%1任务，但项目是%2任务：其指标、损失和阈值可能与项目的标签不符。</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>SKL-UGI (frozen teacher)</source>
        <translation>SKL-UGI（冻结教师模型）</translation>
    </message>
    <message>
        <source>DML (teacher trained too)</source>
        <translation>DML（教师模型同时训练）</translation>
    </message>
    <message>
        <source>UDML (DML + feature loss)</source>
        <translation>UDML（DML + 特征损失）</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师</translation>
    </message>
    <message>
        <source>Teacher model</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>Add the unlabeled images (SKL-UGI)</source>
        <translation>加入未标注图像（SKL-UGI）</translation>
    </message>
    <message>
        <source>DML weight</source>
        <translation>DML 权重</translation>
    </message>
    <message>
        <source>Ground-truth weight</source>
        <translation>真实标签权重</translation>
    </message>
    <message>
        <source>Feature weight (UDML)</source>
        <translation>特征权重（UDML）</translation>
    </message>
    <message>
        <source>Feature stage (UDML)</source>
        <translation>特征阶段（UDML）</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Checkpoint file…</source>
        <translation>检查点文件…</translation>
    </message>
    <message>
        <source>Run #%1 (not finished or not found)</source>
        <translation>运行 #%1（未完成或未找到）</translation>
    </message>
    <message>
        <source>Teacher checkpoint</source>
        <translation>教师检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.ckpt *.pdparams *.pt);;All files (*)</source>
        <translation>检查点 (*.ckpt *.pdparams *.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>%1 M parameters · %2 M MACs per 224x224 image (1000 classes)</source>
        <translation>%1 M 参数 · 每张 224x224 图像 %2 M MACs（1000 个类别）</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>已导入</translation>
    </message>
    <message>
        <source>exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>used before</source>
        <translation>曾使用</translation>
    </message>
    <message>
        <source>Weights to start training from. A PaddleClas .pdparams file (for example PPLCNet_x1_0_ssld_pretrained.pdparams) or a finished run; when the class count differs, the backbone is loaded and the classifier starts afresh.</source>
        <translation>训练的起始权重：PaddleClas .pdparams 文件（例如 PPLCNet_x1_0_ssld_pretrained.pdparams）或已完成的运行；类别数不同时加载骨干网络，分类层重新初始化。</translation>
    </message>
    <message>
        <source>Start from</source>
        <translation>起始权重</translation>
    </message>
    <message>
        <source>Scratch (random weights)</source>
        <translation>从头训练（随机权重）</translation>
    </message>
    <message>
        <source>Run %1 · %2</source>
        <translation>运行 %1 · %2</translation>
    </message>
    <message>
        <source>Weights file…</source>
        <translation>权重文件…</translation>
    </message>
    <message>
        <source>Weights to start from</source>
        <translation>起始权重</translation>
    </message>
    <message>
        <source>Weights (*.pdparams *.ckpt);;All files (*)</source>
        <translation>权重 (*.pdparams *.ckpt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Cannot start from this file: %1</source>
        <translation>无法从此文件开始：%1</translation>
    </message>
    <message>
        <source>%1, %2 classes, %3 tensors</source>
        <translation>%1，%2 个类别，%3 个张量</translation>
    </message>
    <message>
        <source>unknown model</source>
        <translation>未知模型</translation>
    </message>
    <message>
        <source>the file holds %1 but the model is %2: training will fail</source>
        <translation>文件中是 %1，但模型为 %2：训练将失败</translation>
    </message>
    <message>
        <source>the classifier is re-initialised (the project has %1 classes)</source>
        <translation>分类层将重新初始化（项目有 %1 个类别）</translation>
    </message>
</context>
<context>
    <name>pulc::ui::TrainPage</name>
    <message>
        <source>automatic (run-&lt;number&gt;)</source>
        <translation>自动（run-&lt;编号&gt;）</translation>
    </message>
    <message>
        <source>Start training</source>
        <translation>开始训练</translation>
    </message>
    <message>
        <source>Train a new run with these settings (Ctrl+Return)</source>
        <translation>用这些设置训练一个新的运行（Ctrl+Return）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current step; the run keeps a checkpoint and can be resumed (Esc)</source>
        <translation>在当前步结束后停止；运行会保存检查点，之后可继续（Esc）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续训练</translation>
    </message>
    <message>
        <source>Run &amp;name:</source>
        <translation>运行名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Augmentation preview</source>
        <translation>数据增强预览</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>请先打开或新建项目。</translation>
    </message>
    <message>
        <source>The project has no attributes: add at least one on the Data page.</source>
        <translation>项目没有属性：请在“数据”页至少添加一个。</translation>
    </message>
    <message numerus="yes">
        <source>The project has %n class(es): training needs at least 2. Add classes and label images on the Data page.</source>
        <translation>
            <numerusform>项目有 %n 个类别：训练至少需要 2 个。请在“数据”页添加类别并标注图像。</numerusform>
        </translation>
    </message>
    <message>
        <source>The project has no images in its train split. Split it on the Data page (or import a dataset that has one).</source>
        <translation>项目的训练集中没有图像。请在“数据”页划分数据集（或导入已有划分的数据集）。</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Resume “%1”</source>
        <translation>继续“%1”</translation>
    </message>
    <message>
        <source>Continue a stopped or interrupted run from its last checkpoint</source>
        <translation>从最后的检查点继续已停止或已中断的运行</translation>
    </message>
    <message>
        <source>Cannot show the curves of run “%1”: %2</source>
        <translation>无法显示运行“%1”的曲线：%2</translation>
    </message>
    <message>
        <source>Showing run %1 (%2)</source>
        <translation>正在显示运行 %1（%2）</translation>
    </message>
    <message>
        <source>Cannot read the settings of run “%1”: %2</source>
        <translation>无法读取运行“%1”的设置：%2</translation>
    </message>
    <message>
        <source>Loaded the settings of run “%1”. Start trains a new run with them.</source>
        <translation>已载入运行“%1”的设置。点击“开始训练”将用它们训练新的运行。</translation>
    </message>
    <message>
        <source>The images are small (median side %1 px): the input size is 64×64 instead of the template&apos;s 224×224.</source>
        <translation>图像较小（边长中位数 %1 px）：输入尺寸设为 64×64，而不是模板的 224×224。</translation>
    </message>
</context>
<context>
    <name>pulc::ui::TrainCurves</name>
    <message>
        <source>Log scale (loss)</source>
        <translation>对数刻度（损失）</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>training loss (smoothed)</source>
        <translation>训练损失（平滑）</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>验证损失</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>重置缩放</translation>
    </message>
    <message>
        <source>Fit every plot to its data again (drag to pan, wheel to zoom)</source>
        <translation>让每个图重新适配其数据（拖动平移，滚轮缩放）</translation>
    </message>
    <message>
        <source>Clear comparison</source>
        <translation>清除对比</translation>
    </message>
    <message>
        <source>Remove the runs shown dashed for comparison</source>
        <translation>移除以虚线显示的对比运行</translation>
    </message>
    <message>
        <source>%1 (main)</source>
        <translation>%1（主指标）</translation>
    </message>
    <message>
        <source>%1 (smoothed)</source>
        <translation>%1（平滑）</translation>
    </message>
</context>
<context>
    <name>pulc::ui::TrainMonitor</name>
    <message>
        <source>Not training</source>
        <translation>未在训练</translation>
    </message>
    <message>
        <source>The run&apos;s log appears here.</source>
        <translation>运行日志显示在这里。</translation>
    </message>
    <message>
        <source>— Starting a new run —</source>
        <translation>— 开始新的运行 —</translation>
    </message>
    <message>
        <source>— Resuming run “%1” —</source>
        <translation>— 继续运行“%1” —</translation>
    </message>
    <message>
        <source>Preparing…</source>
        <translation>准备中…</translation>
    </message>
    <message>
        <source>Caching the decoded images for fast epochs… %p%</source>
        <translation>缓存解码后的图像以加快后续轮次… %p%</translation>
    </message>
    <message>
        <source>Stopping after the current step…</source>
        <translation>将在当前步结束后停止…</translation>
    </message>
    <message>
        <source>Epoch %1/%2: train loss %3</source>
        <translation>第 %1/%2 轮：训练损失 %3</translation>
    </message>
    <message>
        <source>, %1 %2</source>
        <translation>，%1 %2</translation>
    </message>
    <message>
        <source>, val loss %1</source>
        <translation>，验证损失 %1</translation>
    </message>
    <message>
        <source> (best so far)</source>
        <translation>（目前最佳）</translation>
    </message>
    <message>
        <source>, %1 s</source>
        <translation>，%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>, %n unreadable image(s) skipped</source>
        <translation>
            <numerusform>，跳过 %n 张无法读取的图像</numerusform>
        </translation>
    </message>
    <message>
        <source>error: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <source>warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · validating… · ETA %3</source>
        <translation>第 %1/%2 轮 · 验证中… · 预计剩余 %3</translation>
    </message>
    <message>
        <source>Epoch %1/%2 · step %3/%4 · %5 img/s · ETA %6</source>
        <translation>第 %1/%2 轮 · 第 %3/%4 步 · %5 张/秒 · 预计剩余 %6</translation>
    </message>
    <message>
        <source>the run</source>
        <translation>该运行</translation>
    </message>
    <message>
        <source>Finished %1 · best epoch %2</source>
        <translation>已完成 %1 · 最佳轮次 %2</translation>
    </message>
    <message>
        <source>— Run “%1” finished —</source>
        <translation>— 运行“%1”已完成 —</translation>
    </message>
    <message numerus="yes">
        <source>Stopped %1 after %n epoch(s) · Resume continues it</source>
        <translation>
            <numerusform>%1 在 %n 轮后停止 · 可点击“继续训练”</numerusform>
        </translation>
    </message>
    <message>
        <source>— Run “%1” stopped; it can be resumed —</source>
        <translation>— 运行“%1”已停止，可继续训练 —</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>— Training failed —</source>
        <translation>— 训练失败 —</translation>
    </message>
</context>
</TS>
