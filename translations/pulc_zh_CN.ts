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
        <source>Classes</source>
        <translation>类别</translation>
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
</TS>
