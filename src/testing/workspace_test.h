#pragma once

// A GoogleTest fixture for app tests: a fresh workspace in a temporary
// folder for every test, removed afterwards.

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "app/workspace.h"
#include "testing/scoped_temp_dir.h"

namespace vka::testing {

class WorkspaceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = ScopedTempDir::Create();
    ASSERT_TRUE(dir.ok()) << dir.status().ToString();
    dir_ = std::make_unique<ScopedTempDir>(std::move(*dir));
    ws_ = NewWorkspace("ws");
    ASSERT_NE(ws_, nullptr);
  }

  // Creates another workspace in the temporary folder.
  std::unique_ptr<app::Workspace> NewWorkspace(const std::string& name) {
    auto ws = app::Workspace::Init(dir_->Join(name), "Test (synthetic)");
    EXPECT_TRUE(ws.ok()) << ws.status().ToString();
    return ws.ok() ? std::move(*ws) : nullptr;
  }

  // Writes a file in the temporary folder; returns its path.
  std::string Write(const std::string& name, const std::string& data) {
    std::ofstream(dir_->Join(name), std::ios::binary) << data;
    return dir_->Join(name);
  }

  std::unique_ptr<ScopedTempDir> dir_;
  std::unique_ptr<app::Workspace> ws_;
};

}  // namespace vka::testing
