<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>EditCommands</name>
    <message numerus="yes">
        <source>Label %n image(s) “%1”</source>
        <translation>
            <numerusform>Label %n image “%1”</numerusform>
            <numerusform>Label %n images “%1”</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add “%1” to %n image(s)</source>
        <translation>
            <numerusform>Add “%1” to %n image</numerusform>
            <numerusform>Add “%1” to %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove “%1” from %n image(s)</source>
        <translation>
            <numerusform>Remove “%1” from %n image</numerusform>
            <numerusform>Remove “%1” from %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Clear the labels of %n image(s)</source>
        <translation>
            <numerusform>Clear the labels of %n image</numerusform>
            <numerusform>Clear the labels of %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n image(s) to %1</source>
        <translation>
            <numerusform>Move %n image to %1</numerusform>
            <numerusform>Move %n images to %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove %n image(s)</source>
        <translation>
            <numerusform>Remove %n image</numerusform>
            <numerusform>Remove %n images</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restore %n image(s)</source>
        <translation>
            <numerusform>Restore %n image</numerusform>
            <numerusform>Restore %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WarningText</name>
    <message numerus="yes">
        <source>Class “%1” has only %Ln training image(s).</source>
        <translation>
            <numerusform>Class “%1” has only %Ln training image.</numerusform>
            <numerusform>Class “%1” has only %Ln training images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) appear in more than one split (leakage).</source>
        <translation>
            <numerusform>%Ln image appears in more than one split (leakage).</numerusform>
            <numerusform>%Ln images appear in more than one split (leakage).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) carry different labels in different copies (conflict).</source>
        <translation>
            <numerusform>%Ln image carries different labels in different copies (conflict).</numerusform>
            <numerusform>%Ln images carry different labels in different copies (conflict).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln group(s) of identical images.</source>
        <translation>
            <numerusform>%Ln group of identical images.</numerusform>
            <numerusform>%Ln groups of identical images.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln image(s) are missing or corrupt.</source>
        <translation>
            <numerusform>%Ln image is missing or corrupt.</numerusform>
            <numerusform>%Ln images are missing or corrupt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulc::ui::CostEstimate</name>
    <message numerus="yes">
        <source>%n image(s) per epoch</source>
        <translation>
            <numerusform>%n image per epoch</numerusform>
            <numerusform>%n images per epoch</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n step(s) of %1</source>
        <translation>
            <numerusform>%n step of %1</numerusform>
            <numerusform>%n steps of %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulc::ui::MainWindow</name>
    <message numerus="yes">
        <source>Create a new project for the %n dropped item(s), or open an existing one?</source>
        <translation>
            <numerusform>Create a new project for the %n dropped item, or open an existing one?</numerusform>
            <numerusform>Create a new project for the %n dropped items, or open an existing one?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulc::ui::PredictPage</name>
    <message numerus="yes">
        <source>%n image(s) classified</source>
        <translation>
            <numerusform>%n image classified</numerusform>
            <numerusform>%n images classified</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n could not be read</source>
        <translation>
            <numerusform>%n could not be read</numerusform>
            <numerusform>%n could not be read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Native CPU path, %n thread(s)</source>
        <translation>
            <numerusform>Native CPU path, %n thread</numerusform>
            <numerusform>Native CPU path, %n threads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>LibTorch, %n thread(s)</source>
        <translation>
            <numerusform>LibTorch, %n thread</numerusform>
            <numerusform>LibTorch, %n threads</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulc::ui::TrainPage</name>
    <message numerus="yes">
        <source>The project has %n class(es): training needs at least 2. Add classes and label images on the Data page.</source>
        <translation>
            <numerusform>The project has %n class: training needs at least 2. Add classes and label images on the Data page.</numerusform>
            <numerusform>The project has %n classes: training needs at least 2. Add classes and label images on the Data page.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pulc::ui::TrainMonitor</name>
    <message numerus="yes">
        <source>, %n unreadable image(s) skipped</source>
        <translation>
            <numerusform>, %n unreadable image skipped</numerusform>
            <numerusform>, %n unreadable images skipped</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped %1 after %n epoch(s) · Resume continues it</source>
        <translation>
            <numerusform>Stopped %1 after %n epoch · Resume continues it</numerusform>
            <numerusform>Stopped %1 after %n epochs · Resume continues it</numerusform>
        </translation>
    </message>
</context>
</TS>
