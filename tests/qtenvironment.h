#pragma once

#include <QCoreApplication>

#include <gtest/gtest.h>

namespace pulc::test {

/// Creates the QCoreApplication that QtSql's driver plugins and QProcess need, before the first
/// test: gtest_main does not make one. Register once per test program with
/// `::testing::AddGlobalTestEnvironment(new QtEnvironment("name"))`.
class QtEnvironment : public ::testing::Environment
{
public:
    explicit QtEnvironment(const char *programName)
    {
        qstrncpy(m_name, programName, sizeof m_name);
    }
    void SetUp() override
    {
        if (!QCoreApplication::instance())
            m_app = new QCoreApplication(m_argc, m_argv);
    }
    void TearDown() override
    {
        delete m_app;
        m_app = nullptr;
    }

private:
    int m_argc = 1;
    char m_name[32] = {};
    char *m_argv[2] = {m_name, nullptr};
    QCoreApplication *m_app = nullptr;
};

} // namespace pulc::test
