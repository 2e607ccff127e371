# EC2 capacity for the cluster: an auto scaling group of ECS-optimized instances, managed by an
# ECS capacity provider (managed scaling adds instances when tasks can't be placed and removes
# empty ones; managed termination protection and draining keep busy instances alive).
# Fargate can't be used: the server starts sibling containers through the host's Docker socket.

data "aws_ssm_parameter" "ecs_ami" {
  name = var.ami_ssm_parameter
}

resource "aws_launch_template" "instances" {
  name_prefix   = "${local.name}-"
  description   = "Warmbox ECS container instance"
  image_id      = data.aws_ssm_parameter.ecs_ami.value
  instance_type = var.instance_type

  iam_instance_profile {
    arn = aws_iam_instance_profile.instance.arn
  }

  vpc_security_group_ids = [aws_security_group.instances.id]

  user_data = base64encode(templatefile("${path.module}/user-data.sh.tftpl", {
    cluster_name  = aws_ecs_cluster.this.name
    region        = var.aws_region
    registry      = split("/", aws_ecr_repository.server.repository_url)[0]
    runner_images = local.runner_images
    stop_timeout  = var.stop_timeout_seconds
  }))

  block_device_mappings {
    device_name = "/dev/xvda"

    ebs {
      volume_size           = var.root_volume_size_gb
      volume_type           = "gp3"
      encrypted             = true
      delete_on_termination = true
    }
  }

  # IMDSv2 only, one hop: containers on Docker's bridge (the sandboxes, should an operator allow
  # them network) cannot reach the instance's credentials.
  metadata_options {
    http_endpoint               = "enabled"
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
    instance_metadata_tags      = "disabled"
  }

  monitoring {
    enabled = var.detailed_monitoring
  }

  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { Name = "${local.name}-instance" })
  }

  tag_specifications {
    resource_type = "volume"
    tags          = merge(local.tags, { Name = "${local.name}-instance" })
  }

  lifecycle {
    create_before_destroy = true

    precondition {
      condition     = alltrue([for name in var.runner_images : contains(keys(var.runner_image_tags), name)])
      error_message = "runner_image_tags has no tag for ${join(", ", setsubtract(var.runner_images, keys(var.runner_image_tags)))}: give every runner image its exact tag (the recipe hash the deploy pushed)."
    }
  }
}

resource "aws_autoscaling_group" "instances" {
  name_prefix         = "${local.name}-"
  vpc_zone_identifier = local.instance_subnet_ids
  min_size            = var.instance_min_count
  max_size            = var.instance_max_count
  # The capacity provider sets the desired count; ECS protects instances that run tasks.
  protect_from_scale_in = true
  # Destroy terminates the (scale-in protected) instances instead of waiting for them forever.
  force_delete              = true
  health_check_type         = "EC2"
  health_check_grace_period = 300
  default_instance_warmup   = 120

  launch_template {
    id      = aws_launch_template.instances.id
    version = aws_launch_template.instances.latest_version
  }

  # A new launch template version (new runner images, a new AMI) rolls the instances: new ones
  # come up (and pre-pull) before old ones are drained by ECS and terminated.
  instance_refresh {
    strategy = "Rolling"

    preferences {
      min_healthy_percentage       = 100
      max_healthy_percentage       = 200
      instance_warmup              = 180
      scale_in_protected_instances = "Refresh"
      skip_matching                = true
    }
  }

  enabled_metrics = ["GroupDesiredCapacity", "GroupInServiceInstances", "GroupTotalInstances"]

  tag {
    key                 = "AmazonECSManaged"
    value               = "true"
    propagate_at_launch = true
  }

  tag {
    key                 = "Name"
    value               = "${local.name}-instance"
    propagate_at_launch = true
  }

  lifecycle {
    ignore_changes = [desired_capacity]
  }
}

resource "aws_ecs_capacity_provider" "instances" {
  name = "${local.name}-instances"

  auto_scaling_group_provider {
    auto_scaling_group_arn         = aws_autoscaling_group.instances.arn
    managed_termination_protection = "ENABLED"
    managed_draining               = "ENABLED"

    managed_scaling {
      status = "ENABLED"
      # 100: no idle instances kept beyond what placed tasks need (one task per instance).
      target_capacity           = 100
      minimum_scaling_step_size = 1
      maximum_scaling_step_size = 2
      instance_warmup_period    = 180
    }
  }
}

resource "aws_ecs_cluster_capacity_providers" "this" {
  cluster_name       = aws_ecs_cluster.this.name
  capacity_providers = [aws_ecs_capacity_provider.instances.name]

  default_capacity_provider_strategy {
    capacity_provider = aws_ecs_capacity_provider.instances.name
    weight            = 1
    base              = 0
  }
}
